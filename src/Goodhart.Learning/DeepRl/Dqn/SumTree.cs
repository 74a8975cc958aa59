namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>
/// A binary sum tree over <see cref="Capacity"/> non-negative priorities (Schaul et al. 2016, proportional variant):
/// setting a priority and finding the leaf where a prefix sum falls are O(log n). Every inner node is recomputed as
/// left + right on the way up (never updated by a difference), so the tree is a function of its leaves alone and a
/// tree rebuilt from saved leaves is bit-identical to the one that was saved.
/// </summary>
public sealed class SumTree
{
    private readonly double[] _nodes;
    private readonly int _leaves;

    /// <param name="capacity">Leaves (priorities); all start at 0.</param>
    public SumTree(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _leaves = 1;
        while (_leaves < capacity)
            _leaves *= 2;
        _nodes = new double[2 * _leaves];
    }

    /// <summary>How many priorities the tree holds.</summary>
    public int Capacity { get; }

    /// <summary>The sum of all priorities.</summary>
    public double Total => _nodes[1];

    /// <summary>The priority of leaf <paramref name="index"/>.</summary>
    public double this[int index]
    {
        get => _nodes[_leaves + CheckIndex(index)];
        set
        {
            if (!double.IsFinite(value) || value < 0)
                throw new ArgumentOutOfRangeException(nameof(value), value, "a priority must be a finite number >= 0.");
            var node = _leaves + CheckIndex(index);
            _nodes[node] = value;
            for (node /= 2; node >= 1; node /= 2)
                _nodes[node] = _nodes[2 * node] + _nodes[2 * node + 1];
        }
    }

    /// <summary>
    /// The leaf where the running sum of priorities (leaf 0 first) passes <paramref name="prefix"/>, in [0, <see cref="Total"/>):
    /// leaf i is found for prefixes in [sum of leaves before i, that sum + priority i). A prefix at or past the total
    /// (rounding) gives the last leaf with a positive priority.
    /// </summary>
    public int Find(double prefix)
    {
        var node = 1;
        while (node < _leaves)
        {
            var left = 2 * node;
            if (prefix < _nodes[left] || _nodes[left + 1] <= 0)
                node = left;
            else
            {
                prefix -= _nodes[left];
                node = left + 1;
            }
        }
        return Math.Min(node - _leaves, Capacity - 1);
    }

    /// <summary>Every leaf's priority, in order (for checkpoints).</summary>
    public double[] Leaves() => _nodes.AsSpan(_leaves, Capacity).ToArray();

    private int CheckIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Capacity);
        return index;
    }
}
