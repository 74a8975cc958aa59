namespace Goodhart.Core.Rlhf;

/// <summary>Where the number in a generated response comes from: the truth, a plausible mistake, or the user's stated belief.</summary>
public enum AnswerKind
{
    /// <summary>The correct answer.</summary>
    Correct,

    /// <summary>The correct answer off by a small amount (plus or minus 1, 2 or 10).</summary>
    OffBySmall,

    /// <summary>The correct answer with two adjacent digits swapped (falls back to off-by-small when no swap changes it).</summary>
    DigitSwap,

    /// <summary>The user's stated belief, right or wrong.</summary>
    UserBelief,
}
