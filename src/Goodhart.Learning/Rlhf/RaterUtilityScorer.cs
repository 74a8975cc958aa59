using Goodhart.Core.Rlhf;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// A simulated rater's latent utility (<see cref="SimulatedRater.Utility"/>) as a scorer: the reward model a perfect
/// learner of the rater's labels would converge to (Bradley-Terry identifies the utility up to a constant), so
/// best-of-n against it separates the Goodhart gap of the rater's biases from that of the reward model's errors.
/// Prompts must be the world's arithmetic prompts.
/// </summary>
public sealed class RaterUtilityScorer(SimulatedRater rater) : IRewardScorer
{
    /// <summary>The rater whose utility is scored.</summary>
    public SimulatedRater Rater { get; } = rater ?? throw new ArgumentNullException(nameof(rater));

    /// <inheritdoc />
    public string Name => $"{Rater.Profile.Name}-utility";

    /// <inheritdoc />
    public double[] Score(IReadOnlyList<string> prompts, IReadOnlyList<string> responses)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(responses);
        if (prompts.Count != responses.Count)
        {
            throw new ArgumentException($"{prompts.Count} prompts but {responses.Count} responses.");
        }

        return prompts.Select((p, i) => Rater.Utility(ArithmeticPrompt.Parse(p), responses[i])).ToArray();
    }
}
