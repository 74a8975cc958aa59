namespace Goodhart.Core.Oversight.Process;

/// <summary>The truth about one step of shown work, as the checker finds it.</summary>
public enum StepVerdict
{
    /// <summary>The step is right: both sides have the same value (the first also starts from the question; the answer matches the work).</summary>
    Correct,

    /// <summary>The step reads but is wrong.</summary>
    Wrong,

    /// <summary>The step cannot be read (see <see cref="WorkStep.Reason"/>).</summary>
    Malformed,
}
