using Goodhart.Core.Rlhf;

namespace Goodhart.Evals.Constitutional;

/// <summary>
/// One AI-labelled preference row: the lab's <see cref="PreferencePair"/> shape (<c>prompt</c>, <c>chosen</c>,
/// <c>rejected</c>, <c>rater</c>) plus the principle, the judge, the labeller and where the chosen response was shown.
/// Written with Core's <see cref="JsonLines"/>, so the RLHF lab reads the file as <see cref="PreferencePair"/> rows
/// (unknown fields are ignored).
/// </summary>
/// <param name="Prompt">The prompt text.</param>
/// <param name="Chosen">The response the judge preferred.</param>
/// <param name="Rejected">The other response.</param>
public sealed record AiFeedbackPreference(string Prompt, string Chosen, string Rejected)
{
    /// <summary>Who labelled the pair, as the lab's <c>rater</c> field (the labeller's name).</summary>
    public string? Rater { get; init; }

    /// <summary>The principle the judge was asked about.</summary>
    public string? Principle { get; init; }

    /// <summary>The judge model's name.</summary>
    public string? Judge { get; init; }

    /// <summary>The labeller's name and method.</summary>
    public string? Labeller { get; init; }

    /// <summary>Where the chosen response was shown to the judge: <c>A</c> or <c>B</c>.</summary>
    public string? ChosenPosition { get; init; }

    /// <summary>The row as the lab's preference pair (rater = labeller).</summary>
    public PreferencePair ToPreferencePair() => new(Prompt, Chosen, Rejected) { Rater = Rater };
}
