namespace Goodhart.Evals.Constitutional;

/// <summary>Options of <see cref="AiFeedbackLabeller"/>.</summary>
public sealed record AiFeedbackOptions
{
    /// <summary>Seed of principle sampling and position swapping (combined with each item's text); default 0.</summary>
    public int Seed { get; init; }

    /// <summary>The judge's name recorded on rows; default <c>judge</c>.</summary>
    public string JudgeName { get; init; } = "judge";

    /// <summary>The labeller's name recorded on rows (and as the lab's rater); default <c>constitutional-ai-feedback</c>.</summary>
    public string LabellerName { get; init; } = "constitutional-ai-feedback";

    /// <summary>Show the two responses in a seeded random order, so a judge's position bias averages out; default true.</summary>
    public bool ShufflePositions { get; init; } = true;
}
