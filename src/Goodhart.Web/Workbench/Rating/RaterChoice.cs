namespace Goodhart.Web.Workbench.Rating;

/// <summary>The person's verdict on a pair.</summary>
public enum RaterChoice
{
    /// <summary>Answer A is better.</summary>
    A,

    /// <summary>Answer B is better.</summary>
    B,

    /// <summary>No preference, or the person cannot tell (skip).</summary>
    Tie,
}
