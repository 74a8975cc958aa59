namespace Goodhart.Learning.DeepRl;

/// <summary>One-hot planes of a board given as bytes (a final observation), laid out as <c>Gridworld.WriteOneHot</c> lays out the live board.</summary>
internal sealed class BoardPlanes
{
    private readonly byte[] _planeOfTile = new byte[256];
    private readonly int _planes;

    public BoardPlanes(string tiles)
    {
        _planes = tiles.Length;
        for (var p = 0; p < tiles.Length; p++)
            _planeOfTile[(byte)tiles[p]] = (byte)p;
    }

    /// <summary>Writes the planes of <paramref name="board"/> (one byte per cell) into <paramref name="planes"/> (planes x cells).</summary>
    public void Write(ReadOnlySpan<byte> board, Span<float> planes)
    {
        var n = board.Length;
        planes[..(_planes * n)].Clear();
        for (var i = 0; i < n; i++)
            planes[(_planeOfTile[board[i]] * n) + i] = 1f;
    }
}
