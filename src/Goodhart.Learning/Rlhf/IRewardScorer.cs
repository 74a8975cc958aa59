namespace Goodhart.Learning.Rlhf;

/// <summary>
/// What RLHF optimises against: a function from (prompt, response) texts to one scalar score per pair. The gold
/// reward (<see cref="GoldRewardScorer"/>), a learned reward model or an ensemble of them, or a toy rule in tests
/// (<see cref="DelegateRewardScorer"/>). Higher is better.
/// </summary>
public interface IRewardScorer
{
    /// <summary>A short metric-friendly name (<c>gold</c>, <c>rm</c>, <c>rm-wco</c>, ...).</summary>
    string Name { get; }

    /// <summary>The score of each response to its prompt (paired by index).</summary>
    double[] Score(IReadOnlyList<string> prompts, IReadOnlyList<string> responses);
}
