using Goodhart.Core.Environments;

namespace Goodhart.Core.ValueLearning;

/// <summary>
/// The reward model's features of one step, from what the agent observes: a one-hot of (the agent's cell after the
/// step, the action), and the share of the board's cells that look like watered tomatoes (<c>T</c>; 0 on maps without
/// them). A reward linear in them can say "moving right here is good" (boat race) or "more cells look watered is good"
/// (tomato watering, where the tampering tile makes every cell look watered).
/// </summary>
public sealed class StepFeatures
{
    private readonly int _cells;
    private readonly int _actions;

    /// <summary>Features for boards of <paramref name="cells"/> cells and <paramref name="actions"/> actions.</summary>
    public StepFeatures(int cells, int actions)
    {
        _cells = cells;
        _actions = actions;
        Count = cells * actions + 1;
    }

    /// <summary>Length of the feature vector.</summary>
    public int Count { get; }

    /// <summary>Adds the features of a step (the board after it and its action) into <paramref name="sum"/>.</summary>
    public void Add(ReadOnlySpan<byte> board, int action, Span<double> sum)
    {
        var agent = board.IndexOf(Gridworld.AgentTile);
        if (agent >= 0)
            sum[agent * _actions + action] += 1;
        var watered = 0;
        foreach (var b in board)
            if (b == (byte)'T')
                watered++;
        sum[_cells * _actions] += watered / (double)_cells;
    }

    /// <summary>The features of one step.</summary>
    public double[] Of(ReadOnlySpan<byte> board, int action)
    {
        var f = new double[Count];
        Add(board, action, f);
        return f;
    }
}
