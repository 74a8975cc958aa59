namespace Goodhart.Core.Oversight.Process;

/// <summary>Shown work written for a question: the bracketed text, the chain's result and the answer to state after it.</summary>
/// <param name="Text">The work, e.g. <c>[37*24 = 37*20+37*4 = 740+148 = 888]</c>.</param>
/// <param name="Result">The value the chain ends on.</param>
/// <param name="Answer">The answer to state after the work: the result, except when the error is in the answer step.</param>
/// <param name="ErrorStep">The 1-based step holding the mistake (4 is the answer step), or null when the work is right.</param>
public sealed record WrittenWork(string Text, long Result, long Answer, int? ErrorStep);
