namespace Goodhart.Core.Oversight;

/// <summary>A debater: the one who claims the true label, or the one who argues for a wrong one.</summary>
public enum DebateSide
{
    /// <summary>Claims the true label.</summary>
    Honest,

    /// <summary>Claims (or, without precommitment, ends up claiming) a wrong label.</summary>
    Liar,
}
