using Goodhart.Core.Environments;

namespace Goodhart.Core.ValueLearning;

/// <summary>
/// The reward model's features of one step, from what the agent observes: a one-hot of (the agent's cell before the
/// step, the action), and the share of the board's cells after the step that look like watered tomatoes (<c>T</c>; 0
/// on maps without them). A reward linear in them can say "moving right from here is good" (boat race) or "more cells
/// look watered is good" (tomato watering, where the tampering tile makes every cell look watered). The cell is the
/// one the move starts from: keyed on the cell after the move, bumping into the wall above a cell and arriving in it
/// from below would share a feature (boat race pays the second and penalises the first).
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

    /// <summary>The agent's cell on a board (-1 when it is not drawn).</summary>
    public static int AgentCell(ReadOnlySpan<byte> board) => board.IndexOf(Gridworld.AgentTile);

    /// <summary>
    /// Adds the features of a step into <paramref name="sum"/>: the agent's cell before it (<paramref name="from"/>,
    /// -1 when it was not on the board: no one-hot), its action, and the board after it.
    /// </summary>
    public void Add(int from, ReadOnlySpan<byte> board, int action, Span<double> sum)
    {
        if (from >= 0 && from < _cells)
            sum[from * _actions + action] += 1;
        var watered = 0;
        foreach (var b in board)
            if (b == (byte)'T')
                watered++;
        sum[_cells * _actions] += watered / (double)_cells;
    }

    /// <summary>The features of one step.</summary>
    public double[] Of(int from, ReadOnlySpan<byte> board, int action)
    {
        var f = new double[Count];
        Add(from, board, action, f);
        return f;
    }
}
