using Goodhart.Core.Environments;

namespace Goodhart.Core.ValueLearning;

/// <summary>
/// The board seen from the agent, as sparse binary features for <see cref="LinearQLearningAgent"/>: a bias, and one
/// feature per (row offset, column offset of a cell from the agent, the tile the cell shows) for every cell that is
/// neither floor (<c>' '</c>) nor the agent. Read from the board alone, as every learner here sees it (the agent's cell
/// is where <c>A</c> is drawn). A weight is shared by every position of the agent, as a convolution's is: "a dry
/// tomato one cell to the right" means the same wherever the agent stands, which is what lets a learner generalise
/// across boards that never repeat.
/// </summary>
public sealed class BoardFeatures
{
    /// <summary>The bias feature's key.</summary>
    public const long BiasKey = -1;

    private readonly int _width;

    /// <summary>Features of boards <paramref name="width"/> cells wide.</summary>
    public BoardFeatures(int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        _width = width;
    }

    /// <summary>The key of a cell <paramref name="rowOffset"/>, <paramref name="columnOffset"/> away from the agent that shows <paramref name="tile"/>.</summary>
    public static long Key(int rowOffset, int columnOffset, byte tile) =>
        ((long)(rowOffset + 65536) << 40) | ((long)(columnOffset + 65536) << 16) | tile;

    /// <summary>
    /// Clears <paramref name="keys"/> and adds the board's active features: the bias, then every non-floor cell's key
    /// in row-major order (offsets from the agent's cell; from the top-left corner when no agent is drawn).
    /// </summary>
    public void Active(ReadOnlySpan<byte> board, List<long> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        keys.Clear();
        keys.Add(BiasKey);
        var agent = Math.Max(0, StepFeatures.AgentCell(board));
        int row = agent / _width, column = agent % _width;
        for (var i = 0; i < board.Length; i++)
        {
            var tile = board[i];
            if (tile is not ((byte)' ' or Gridworld.AgentTile))
                keys.Add(Key(i / _width - row, i % _width - column, tile));
        }
    }
}
