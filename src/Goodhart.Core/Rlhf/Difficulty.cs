namespace Goodhart.Core.Rlhf;

/// <summary>
/// How hard an arithmetic question is to check, which decides whether a simulated rater can verify the answer:
/// easy are one-digit additions, medium two-digit additions and subtractions, hard two-digit multiplications.
/// </summary>
public enum Difficulty
{
    /// <summary>One-digit additions (<c>3+4</c>): anyone can check them at a glance.</summary>
    Easy,

    /// <summary>Two-digit additions and subtractions (<c>57+38</c>, <c>85-37</c>).</summary>
    Medium,

    /// <summary>Two-digit multiplications (<c>37*24</c>): a hurried rater cannot check them.</summary>
    Hard,
}
