using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Goodhart.Core.Environments;

namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>
/// One-hot planes from a board's bytes, laid out as <see cref="Gridworld.WriteOneHot"/> lays out a live env (plane p
/// is tile <c>Spec.Tiles[p]</c>, plane-major): the replay buffer keeps boards as bytes and batches are encoded here.
/// </summary>
public sealed class BoardEncoder
{
    private readonly int[] _planeOfTile = new int[256];
    private readonly int[] _offsetOfTile = new int[256];

    /// <param name="spec">The env whose tile alphabet gives the planes.</param>
    public BoardEncoder(EnvironmentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Array.Fill(_planeOfTile, -1);
        for (var p = 0; p < spec.Tiles.Length; p++)
            _planeOfTile[spec.Tiles[p]] = p;
        Cells = spec.CellCount;
        Length = spec.Tiles.Length * Cells;
        for (var t = 0; t < 256; t++)
            _offsetOfTile[t] = _planeOfTile[t] < 0 ? int.MinValue : _planeOfTile[t] * Cells;
    }

    /// <summary>Bytes per board.</summary>
    public int Cells { get; }

    /// <summary>Floats per encoded board (planes x cells).</summary>
    public int Length { get; }

    /// <summary>Writes the planes of <paramref name="board"/> to the first <see cref="Length"/> floats of <paramref name="planes"/>.</summary>
    public void Encode(ReadOnlySpan<byte> board, Span<float> planes)
    {
        if (board.Length != Cells || planes.Length < Length)
            throw new ArgumentException($"need a board of {Cells} cells and room for {Length} floats.");
        planes[..Length].Clear();
        for (var i = 0; i < Cells; i++)
        {
            var plane = _planeOfTile[board[i]];
            if (plane < 0)
                throw new ArgumentException($"tile '{(char)board[i]}' at cell {i} is not in the env's alphabet.", nameof(board));
            planes[plane * Cells + i] = 1f;
        }
    }

    /// <summary>
    /// The one-hot planes' nonzero inputs of <paramref name="board"/>, one per cell in cell order (each is 1): the
    /// sparse input of <see cref="FusedQNetwork"/>'s first layer. Writes <see cref="Cells"/> indices.
    /// </summary>
    public void NonzeroInputs(ReadOnlySpan<byte> board, Span<int> indices)
    {
        if (board.Length != Cells || indices.Length < Cells)
            throw new ArgumentException($"need a board of {Cells} cells and room for {Cells} indices.");
        // Each tile's plane offset from a table (int.MinValue for a tile outside the alphabet), without bounds checks
        // (a byte indexes the 256 entries); one check after the loop finds any such tile and names the first.
        ref var offsets = ref MemoryMarshal.GetArrayDataReference(_offsetOfTile);
        ref var cells = ref MemoryMarshal.GetReference(board);
        ref var output = ref MemoryMarshal.GetReference(indices);
        var outside = 0;
        for (var i = 0; i < Cells; i++)
        {
            var offset = Unsafe.Add(ref offsets, Unsafe.Add(ref cells, i));
            outside |= offset;
            Unsafe.Add(ref output, i) = offset + i;
        }

        if (outside >= 0)
            return;
        for (var i = 0; i < Cells; i++)
        {
            if (_planeOfTile[board[i]] < 0)
                throw new ArgumentException($"tile '{(char)board[i]}' at cell {i} is not in the env's alphabet.", nameof(board));
        }
    }
}
