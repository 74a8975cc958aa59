namespace Goodhart.Core.ValueLearning;

/// <summary>How queries are picked from candidate segment pairs.</summary>
public enum QuerySelection
{
    /// <summary>The pairs on which the ensemble's members disagree most (variance of their predicted preference).</summary>
    Disagreement,

    /// <summary>Pairs drawn at random.</summary>
    Random,
}
