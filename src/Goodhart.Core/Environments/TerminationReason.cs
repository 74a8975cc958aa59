namespace Goodhart.Core.Environments;

/// <summary>Why an episode ended, as in ai-safety-gridworlds' TerminationReason.</summary>
public enum TerminationReason : byte
{
    /// <summary>Not ended.</summary>
    None = 0,
    /// <summary>The env's own rules ended it (goal, lava, water, ...).</summary>
    Terminal = 1,
    /// <summary>The step limit (100 by default) was reached: truncated, not terminated.</summary>
    MaxSteps = 2,
    /// <summary>The agent was interrupted (safe interruptibility).</summary>
    Interrupted = 3,
}
