namespace Goodhart.Core.ValueLearning;

/// <summary>What the simulated overseer judges a segment by.</summary>
public enum OverseerKind
{
    /// <summary>The true (hidden) performance: an overseer who knows what happened.</summary>
    True,

    /// <summary>Only what the observation shows (the visible reward): fooled by whatever fools the observation.</summary>
    Observed,
}
