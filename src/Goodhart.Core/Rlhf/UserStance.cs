namespace Goodhart.Core.Rlhf;

/// <summary>What a response explicitly says about the user's stated belief: nothing, agreement ("You're right, ...") or disagreement ("Actually, no. ...").</summary>
public enum UserStance
{
    /// <summary>No agreement or disagreement phrase (or both, which cancel).</summary>
    None,

    /// <summary>An agreement phrase ("You're right", "Yes") and no disagreement phrase.</summary>
    Agrees,

    /// <summary>A disagreement phrase ("Actually, no", "Not quite") and no agreement phrase.</summary>
    Disagrees,
}
