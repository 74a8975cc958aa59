namespace Goodhart.Learning.Rlhf;

/// <summary>Another scorer under a different name (e.g. ensemble member <c>rm-0</c> reported as the single reward model <c>rm</c>).</summary>
public sealed class RenamedScorer(IRewardScorer inner, string name) : IRewardScorer
{
    /// <inheritdoc />
    public string Name { get; } = string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A scorer needs a name.", nameof(name)) : name;

    /// <summary>The scorer renamed.</summary>
    public IRewardScorer Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc />
    public double[] Score(IReadOnlyList<string> prompts, IReadOnlyList<string> responses) => Inner.Score(prompts, responses);
}
