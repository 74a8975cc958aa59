namespace Goodhart.Core.Tests.Generation;

/// <summary>An independent flood fill and shortest path for the tests (not the generator's own search).</summary>
internal static class Flood
{
    /// <summary>Shortest action string (u d l r) from the agent to the first cell satisfying <paramref name="target"/>, walking through cells not in <paramref name="avoid"/>; null if none.</summary>
    public static string? PathTo(IReadOnlyList<string> rows, Func<int, int, bool> target, string avoid = "#")
    {
        var h = rows.Count;
        var w = rows[0].Length;
        var start = (-1, -1);
        for (var r = 0; r < h; r++)
            for (var c = 0; c < w; c++)
                if (rows[r][c] == 'A')
                    start = (r, c);
        var previous = new Dictionary<(int, int), ((int, int) From, char Move)>();
        var queue = new Queue<(int R, int C)>();
        queue.Enqueue(start);
        previous[start] = (start, ' ');
        while (queue.Count > 0)
        {
            var (r, c) = queue.Dequeue();
            if ((r, c) != start && target(r, c))
            {
                var path = new List<char>();
                var at = (r, c);
                while (at != start)
                {
                    path.Add(previous[at].Move);
                    at = previous[at].From;
                }
                path.Reverse();
                return new string([.. path]);
            }
            foreach (var (dr, dc, move) in new[] { (-1, 0, 'u'), (1, 0, 'd'), (0, -1, 'l'), (0, 1, 'r') })
            {
                var next = (r + dr, c + dc);
                if (next.Item1 < 0 || next.Item1 >= h || next.Item2 < 0 || next.Item2 >= w || avoid.Contains(rows[next.Item1][next.Item2], StringComparison.Ordinal) || previous.ContainsKey(next))
                    continue;
                previous[next] = ((r, c), move);
                queue.Enqueue(next);
            }
        }
        return null;
    }

    /// <summary>Row and column of every cell showing <paramref name="tile"/>.</summary>
    public static List<(int Row, int Col)> Find(IReadOnlyList<string> rows, char tile)
    {
        var found = new List<(int, int)>();
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < rows[r].Length; c++)
                if (rows[r][c] == tile)
                    found.Add((r, c));
        return found;
    }
}
