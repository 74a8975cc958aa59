using Goodhart.Core;
using Goodhart.Core.Environments;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// Turns a board's one-hot planes ([planes, H, W], <see cref="Gridworld.WriteOneHot"/>'s layout) into what the network
/// reads (<see cref="Input"/>): the same planes for <see cref="BoardObservationKind.Board"/>; for
/// <see cref="BoardObservationKind.Egocentric"/> the planes shifted so the agent's cell (the set cell of the
/// <see cref="Gridworld.AgentTile"/> plane) is the centre (H-1, W-1) of a (2H-1) x (2W-1) window, every window cell
/// outside the board set in the <see cref="Gridworld.WallTile"/> plane only. The window is large enough that the whole
/// board is visible from every cell. A board with no agent cell (none in these envs) is centred on its middle cell.
/// Stateless after construction (safe to share between threads) and allocation-free.
/// </summary>
public sealed class BoardObservation
{
    private readonly int _agentPlane;
    private readonly int _wallPlane;

    /// <summary>The observation <paramref name="kind"/> of boards of <paramref name="board"/>.</summary>
    /// <exception cref="UserInputException">Egocentric over tiles without the agent <c>A</c> or the wall <c>#</c>.</exception>
    public BoardObservation(BoardShape board, BoardObservationKind kind)
    {
        ArgumentNullException.ThrowIfNull(board);
        Board = board;
        Kind = kind;
        _agentPlane = board.Tiles.IndexOf((char)Gridworld.AgentTile, StringComparison.Ordinal);
        _wallPlane = board.Tiles.IndexOf((char)Gridworld.WallTile, StringComparison.Ordinal);
        if (kind == BoardObservationKind.Egocentric && (_agentPlane < 0 || _wallPlane < 0))
            throw new UserInputException($"network observation egocentric needs the agent 'A' and the wall '#' among the board's tiles, got '{board.Tiles}'");
        Input = InputShape(board, kind);
    }

    /// <summary>The board's shape (what the env writes).</summary>
    public BoardShape Board { get; }

    /// <summary>Which observation.</summary>
    public BoardObservationKind Kind { get; }

    /// <summary>The network's input shape: the board's, or (2H-1) x (2W-1) cells for the egocentric window.</summary>
    public BoardShape Input { get; }

    /// <summary>Whether the observation is the board's planes unchanged.</summary>
    public bool IsIdentity => Kind == BoardObservationKind.Board;

    /// <summary>The input shape of <paramref name="kind"/> over boards of <paramref name="board"/>.</summary>
    public static BoardShape InputShape(BoardShape board, BoardObservationKind kind)
    {
        ArgumentNullException.ThrowIfNull(board);
        return kind == BoardObservationKind.Egocentric ? board with { Height = (2 * board.Height) - 1, Width = (2 * board.Width) - 1 } : board;
    }

    /// <summary>
    /// Writes the observations of <paramref name="n"/> boards' planes (<paramref name="boards"/>, n x <see cref="BoardShape.Length"/>
    /// of <see cref="Board"/>) into <paramref name="observations"/> (n x <see cref="Input"/>'s length).
    /// </summary>
    public void Write(ReadOnlySpan<float> boards, int n, Span<float> observations)
    {
        int from = Board.Length, to = Input.Length;
        if (n < 0 || boards.Length < n * from || observations.Length < n * to)
            throw new ArgumentException($"need {n} boards of {from} floats and room for {n} observations of {to}.");
        for (var b = 0; b < n; b++)
            WriteOne(boards.Slice(b * from, from), observations.Slice(b * to, to));
    }

    /// <summary>The cell (row, column) of the agent in one board's planes; the middle cell when no cell holds it.</summary>
    public (int Row, int Column) AgentCell(ReadOnlySpan<float> board)
    {
        int h = Board.Height, w = Board.Width, cells = h * w;
        if (_agentPlane >= 0)
        {
            var index = board.Slice(_agentPlane * cells, cells).IndexOfAnyExcept(0f);
            if (index >= 0)
                return (index / w, index % w);
        }

        return ((h - 1) / 2, (w - 1) / 2);
    }

    private void WriteOne(ReadOnlySpan<float> board, Span<float> observation)
    {
        if (IsIdentity)
        {
            board.CopyTo(observation);
            return;
        }

        int h = Board.Height, w = Board.Width, cells = h * w;
        int oh = Input.Height, ow = Input.Width, outCells = oh * ow;
        var (row, column) = AgentCell(board);
        int top = h - 1 - row, left = w - 1 - column; // where board cell (0, 0) lands in the window
        observation.Clear();
        observation.Slice(_wallPlane * outCells, outCells).Fill(1f);
        for (var p = 0; p < Board.Planes; p++)
        {
            var source = board.Slice(p * cells, cells);
            var target = observation.Slice(p * outCells, outCells);
            for (var r = 0; r < h; r++)
                source.Slice(r * w, w).CopyTo(target.Slice(((top + r) * ow) + left, w));
        }
    }
}
