namespace Goodhart.Core.Generation;

/// <summary>Breadth-first distances on a board (4-neighbour moves), for checking that generated levels are solvable.</summary>
public static class GridPaths
{
    /// <summary>Unreachable cells' distance.</summary>
    public const int Unreachable = -1;

    /// <summary>
    /// Steps from <paramref name="from"/> to every cell moving up, down, left and right through cells whose tile is
    /// not in <paramref name="blocking"/> (<see cref="Unreachable"/> where no path exists).
    /// </summary>
    public static int[] Distances(ReadOnlySpan<byte> cells, int width, int from, ReadOnlySpan<byte> blocking)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(from, cells.Length);
        var distance = new int[cells.Length];
        Array.Fill(distance, Unreachable);
        var queue = new int[cells.Length];
        int head = 0, tail = 0;
        distance[from] = 0;
        queue[tail++] = from;
        while (head < tail)
        {
            var cell = queue[head++];
            var col = cell % width;
            Span<int> next = [cell - width, cell + width, col > 0 ? cell - 1 : -1, col < width - 1 ? cell + 1 : -1];
            foreach (var n in next)
            {
                if ((uint)n >= (uint)cells.Length || distance[n] != Unreachable || blocking.Contains(cells[n]))
                    continue;
                distance[n] = distance[cell] + 1;
                queue[tail++] = n;
            }
        }
        return distance;
    }
}
