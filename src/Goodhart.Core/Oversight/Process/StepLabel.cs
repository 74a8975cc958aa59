namespace Goodhart.Core.Oversight.Process;

/// <summary>A rater's label of one step: the response cut at the step's end, and whether the rater passed it.</summary>
/// <param name="Step">The 1-based step.</param>
/// <param name="Prefix">The response up to the step's end (what a process reward model reads).</param>
/// <param name="Good">Whether the rater passed the step.</param>
/// <param name="Truth">The checker's verdict (the rater never sees it unless it checks).</param>
public sealed record StepLabel(int Step, string Prefix, bool Good, StepVerdict Truth);
