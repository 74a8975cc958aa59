namespace Goodhart.Core.Oversight;

/// <summary>A position in <see cref="MctsDebater"/>'s tree: the move that led to it, who made it, and what the simulations through it found.</summary>
internal sealed class MctsNode(MctsNode? parent, int move, DebateSide mover)
{
    /// <summary>The position this move was played from (null at the root).</summary>
    public MctsNode? Parent { get; } = parent;

    /// <summary>The pixel revealed to reach this position (-1 at the root).</summary>
    public int Move { get; } = move;

    /// <summary>The side that revealed <see cref="Move"/>; <see cref="Wins"/> counts its wins.</summary>
    public DebateSide Mover { get; } = mover;

    /// <summary>Simulations that passed through this position.</summary>
    public int Visits { get; set; }

    /// <summary>Of those, the ones the judge decided for <see cref="Mover"/>.</summary>
    public int Wins { get; set; }

    /// <summary>The moves considered from here, best one move ahead first (null until the node is expanded).</summary>
    public List<MctsNode>? Children { get; set; }
}
