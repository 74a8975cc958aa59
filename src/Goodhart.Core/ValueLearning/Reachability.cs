namespace Goodhart.Core.ValueLearning;

/// <summary>
/// Discounted reachability between every pair of states of a <see cref="StateSpace"/> (Krakovna et al. 2019):
/// R(x; y) = gamma_r^d(x, y), where d is the fewest moves from x to y (breadth-first), and 0 when y cannot be reached.
/// With gamma_r = 1 it is undiscounted reachability (1 or 0). Memory: states^2 floats, so the state count is limited.
/// </summary>
public sealed class Reachability
{
    /// <summary>Most states whose pairwise reachability is tabulated (a documented limit: 6,000^2 floats is 144 MB).</summary>
    public const int MaxStates = 6_000;

    private readonly float[] _r;

    /// <summary>Tabulates R for <paramref name="space"/> with discount <paramref name="gamma"/> in (0, 1].</summary>
    public Reachability(StateSpace space, double gamma)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (!(gamma is > 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "the reachability discount must be in (0, 1]");
        if (space.Count > MaxStates)
            throw new UserInputException($"{space.Count:N0} states: reachability is tabulated for at most {MaxStates:N0}");
        Count = space.Count;
        Gamma = gamma;
        _r = new float[Count * Count];
        var distance = new int[Count];
        var queue = new Queue<int>();
        for (var x = 0; x < Count; x++)
        {
            Array.Fill(distance, -1);
            distance[x] = 0;
            queue.Enqueue(x);
            while (queue.Count > 0)
            {
                var s = queue.Dequeue();
                _r[x * Count + s] = (float)Math.Pow(gamma, distance[s]);
                for (var a = 0; a < space.Actions; a++)
                {
                    var n = space.Next(s, a);
                    if (distance[n] >= 0)
                        continue;
                    distance[n] = distance[s] + 1;
                    queue.Enqueue(n);
                }
            }
        }
    }

    /// <summary>Number of states.</summary>
    public int Count { get; }

    /// <summary>The discount gamma_r.</summary>
    public double Gamma { get; }

    /// <summary>R(<paramref name="from"/>; <paramref name="to"/>).</summary>
    public double Of(int from, int to) => _r[from * Count + to];

    /// <summary>Row <paramref name="from"/>: R(from; y) for every y.</summary>
    public ReadOnlySpan<float> From(int from) => _r.AsSpan(from * Count, Count);
}
