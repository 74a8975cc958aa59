using Goodhart.Core.Randomness;

namespace Goodhart.Core.ValueLearning;

/// <summary>
/// Behavioural cloning, tabular: per observation key (on the gridworlds, the agent's cell on the board, so that the
/// policy can be run on another map) the counts of the demonstrated actions; it acts by the most demonstrated action
/// (the lowest index on ties) and, where the demonstrations never went, uniformly at random.
/// </summary>
public sealed class BehaviourCloning
{
    private readonly Dictionary<int, int[]> _counts = [];
    private readonly int _actions;

    /// <summary>A policy over <paramref name="actions"/> actions with no demonstrations yet.</summary>
    public BehaviourCloning(int actions) => _actions = actions;

    /// <summary>Number of keys with demonstrations.</summary>
    public int Seen => _counts.Count;

    /// <summary>Records one demonstrated action.</summary>
    public void Add(int key, int action)
    {
        if (!_counts.TryGetValue(key, out var c))
            _counts[key] = c = new int[_actions];
        c[action]++;
    }

    /// <summary>Whether <paramref name="key"/> was demonstrated.</summary>
    public bool Knows(int key) => _counts.ContainsKey(key);

    /// <summary>The cloned action at <paramref name="key"/>; a uniform draw from <paramref name="rng"/> where unseen.</summary>
    public int Act(int key, ref Xoshiro256 rng)
    {
        if (!_counts.TryGetValue(key, out var c))
            return rng.NextInt(_actions);
        var best = 0;
        for (var a = 1; a < _actions; a++)
            if (c[a] > c[best])
                best = a;
        return best;
    }

    /// <summary>The key of a board: the agent's cell (-1 when no agent is shown).</summary>
    public static int KeyOf(ReadOnlySpan<byte> board) => board.IndexOf((byte)'A');
}
