using Goodhart.Core.Rlhf;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// The gold reward (<see cref="GoldReward"/>) as a scorer, so PPO can optimise the truth itself (the oracle run).
/// Prompts must be the RLHF world's arithmetic prompts (<see cref="ArithmeticPrompt.Parse"/> reads them back).
/// </summary>
public sealed class GoldRewardScorer : IRewardScorer
{
    /// <summary>A scorer of <paramref name="gold"/> (default: the default gold table).</summary>
    public GoldRewardScorer(GoldReward? gold = null)
    {
        Gold = gold ?? new GoldReward();
    }

    /// <summary>The gold reward scored.</summary>
    public GoldReward Gold { get; }

    /// <inheritdoc />
    public string Name => "gold";

    /// <inheritdoc />
    public double[] Score(IReadOnlyList<string> prompts, IReadOnlyList<string> responses)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(responses);
        if (prompts.Count != responses.Count)
        {
            throw new ArgumentException($"{prompts.Count} prompts but {responses.Count} responses.");
        }

        var scores = new double[prompts.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = Gold.Score(ArithmeticPrompt.Parse(prompts[i]), responses[i]);
        }

        return scores;
    }
}
