namespace Goodhart.Core.Oversight.Process;

/// <summary>
/// One step of a response's shown work: a link <c>left = right</c> of the work's chain, or the stated answer after it.
/// </summary>
/// <param name="Index">1-based position among the response's steps.</param>
/// <param name="Kind">What the step does.</param>
/// <param name="Verdict">Right, wrong or unreadable.</param>
/// <param name="Small">Small enough for a weak rater to check (every kind but <see cref="StepKind.Jump"/>; a bare answer only on an easy question).</param>
/// <param name="Text">The step's text, e.g. <c>37*20+37*4 = 740+148</c>.</param>
/// <param name="PrefixLength">Characters of the response up to the step's end: the process reward model reads the response cut here.</param>
/// <param name="Reason">Why the step is wrong or malformed, naming the step and position; null when correct.</param>
public sealed record WorkStep(int Index, StepKind Kind, StepVerdict Verdict, bool Small, string Text, int PrefixLength, string? Reason);
