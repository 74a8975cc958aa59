namespace Goodhart.Core.Oversight.Process;

/// <summary>The checker's reading of a response: its steps in order (at least one), with each step's verdict.</summary>
/// <param name="Steps">The steps: the work's links, then the answer; reading stops at the first malformed step.</param>
/// <param name="HasWork">Whether the response opens with bracketed work.</param>
public sealed record ShownWorkCheck(IReadOnlyList<WorkStep> Steps, bool HasWork)
{
    /// <summary>Every step is correct.</summary>
    public bool AllCorrect => Steps.All(s => s.Verdict == StepVerdict.Correct);

    /// <summary>The first step that is not correct, or null.</summary>
    public WorkStep? FirstError => Steps.FirstOrDefault(s => s.Verdict != StepVerdict.Correct);
}
