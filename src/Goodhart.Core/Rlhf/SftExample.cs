namespace Goodhart.Core.Rlhf;

/// <summary>
/// One row of a supervised (SFT) corpus in TRL's prompt-completion shape, <c>{"prompt", "completion"}</c>, plus the
/// lab's metadata (null when the row came from elsewhere): the question's difficulty, answer and the user's belief,
/// where the response's number came from, the features it was composed from and its gold score.
/// </summary>
/// <param name="Prompt">The prompt text.</param>
/// <param name="Completion">The response text.</param>
public sealed record SftExample(string Prompt, string Completion)
{
    /// <summary>The question's difficulty.</summary>
    public Difficulty? Difficulty { get; init; }

    /// <summary>The true answer.</summary>
    public int? Answer { get; init; }

    /// <summary>The user's stated belief, if any.</summary>
    public int? Belief { get; init; }

    /// <summary>Where the response's number came from.</summary>
    public AnswerKind? AnswerKind { get; init; }

    /// <summary>The features the response was composed from.</summary>
    public ResponseFeatures? Features { get; init; }

    /// <summary>The response's gold score.</summary>
    public double? Gold { get; init; }
}
