namespace Goodhart.Core.Oversight;

/// <summary>How <see cref="MctsDebater"/> finishes a debate from a new leaf of its tree to score it.</summary>
public enum MctsRollout
{
    /// <summary>Both sides play <see cref="GreedyDebater"/>'s one-move-ahead choice to the end (deterministic).</summary>
    Greedy,

    /// <summary>Both sides reveal legal pixels uniformly at random to the end (drawn from the debater's seed).</summary>
    Random,
}
