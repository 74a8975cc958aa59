namespace Goodhart.Core.Oversight.Assistance;

/// <summary>One of the two responses of a labelled pair.</summary>
public enum PairSide
{
    /// <summary>The first response.</summary>
    A,

    /// <summary>The second response.</summary>
    B,
}
