namespace Goodhart.Core.Rlhf;

/// <summary>
/// One row of a preference dataset in TRL's shape, <c>{"prompt", "chosen", "rejected"}</c>, plus this lab's
/// metadata (null when the row came from elsewhere): the rater, its utilities and probability, the gold scores of both
/// responses, their assessed features, and the question's difficulty, answer and the user's belief.
/// </summary>
/// <param name="Prompt">The prompt text.</param>
/// <param name="Chosen">The response the rater preferred.</param>
/// <param name="Rejected">The other response.</param>
public sealed record PreferencePair(string Prompt, string Chosen, string Rejected)
{
    /// <summary>The rater profile's name.</summary>
    public string? Rater { get; init; }

    /// <summary>The question's difficulty.</summary>
    public Difficulty? Difficulty { get; init; }

    /// <summary>The true answer.</summary>
    public int? Answer { get; init; }

    /// <summary>The user's stated belief, if any.</summary>
    public int? Belief { get; init; }

    /// <summary>Gold score of the chosen response.</summary>
    public double? ChosenGold { get; init; }

    /// <summary>Gold score of the rejected response.</summary>
    public double? RejectedGold { get; init; }

    /// <summary>The rater's latent utility of the chosen response.</summary>
    public double? ChosenUtility { get; init; }

    /// <summary>The rater's latent utility of the rejected response.</summary>
    public double? RejectedUtility { get; init; }

    /// <summary>The rater's Bradley-Terry probability of preferring the chosen response.</summary>
    public double? ChosenProbability { get; init; }

    /// <summary>Assessed features of the chosen response.</summary>
    public ResponseAssessment? ChosenFeatures { get; init; }

    /// <summary>Assessed features of the rejected response.</summary>
    public ResponseAssessment? RejectedFeatures { get; init; }
}
