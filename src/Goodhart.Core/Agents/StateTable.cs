using System.IO.Hashing;

namespace Goodhart.Core.Agents;

/// <summary>
/// The action-value table of a tabular learner: boards are mapped to dense state indices by a 64-bit xxHash of
/// their bytes (collisions are negligible below ~10^8 states), and values are stored row-major in one array.
/// </summary>
public sealed class StateTable(int actionCount, double initialValue)
{
    private readonly Dictionary<ulong, int> _index = [];
    private double[] _values = new double[1024 * actionCount];

    public int ActionCount { get; } = actionCount;

    public int StateCount => _index.Count;

    /// <summary>The state index of a board, adding a new row on first sight.</summary>
    public int StateOf(ReadOnlySpan<byte> board)
    {
        var key = XxHash64.HashToUInt64(board);
        if (_index.TryGetValue(key, out var s))
            return s;
        s = _index.Count;
        _index.Add(key, s);
        var needed = (s + 1) * ActionCount;
        if (needed > _values.Length)
            Array.Resize(ref _values, Math.Max(needed, _values.Length * 2));
        if (initialValue != 0)
            _values.AsSpan(s * ActionCount, ActionCount).Fill(initialValue);
        return s;
    }

    /// <summary>The action values of a state (a live view; writes update the table).</summary>
    public Span<double> Row(int state) => _values.AsSpan(state * ActionCount, ActionCount);

    public double Max(int state)
    {
        var row = Row(state);
        var m = row[0];
        for (var a = 1; a < row.Length; a++)
            m = Math.Max(m, row[a]);
        return m;
    }
}
