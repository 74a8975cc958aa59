namespace Goodhart.Core.Oversight.Process;

/// <summary>A rater's step labels of one response: steps in order up to and including the first it rejects.</summary>
/// <param name="Prompt">The prompt's text.</param>
/// <param name="Response">The response.</param>
/// <param name="Labels">The labels, in order; every one but the last is good.</param>
/// <param name="StepsChecked">Steps the rater actually checked (its effort for this label).</param>
public sealed record StepLabels(string Prompt, string Response, IReadOnlyList<StepLabel> Labels, int StepsChecked)
{
    /// <summary>The rater passed every step.</summary>
    public bool AllGood => Labels.All(l => l.Good);
}
