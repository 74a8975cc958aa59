namespace Goodhart.Core.Rlhf;

/// <summary>How sure a response sounds: hedged ("I believe ..., but check."), plain ("It's 888.") or confident ("It's definitely 888.").</summary>
public enum Confidence
{
    /// <summary>Stated as fact, with no hedge and no confidence words.</summary>
    Plain,

    /// <summary>Carries a hedge ("I believe", "maybe", "not sure", "but check").</summary>
    Hedged,

    /// <summary>Carries confidence words ("definitely", "for sure") and no hedge.</summary>
    Confident,
}
