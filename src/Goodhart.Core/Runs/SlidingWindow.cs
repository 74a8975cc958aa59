namespace Goodhart.Core.Runs;

/// <summary>
/// The one trailing window over a per-episode series: the statistics at episode <c>i</c> are those of the present
/// values among episodes <c>i - size + 1 .. i</c> (fewer at the start of the series, so the first points summarise
/// what exists so far). A missing value (an episode whose performance the env does not count) takes a slot in the
/// window but no part in its statistics. Used incrementally (<see cref="Add"/>, for live readouts) or over a whole
/// series (<see cref="Trailing"/>, <see cref="MovingAverage(IReadOnlyList{double}, int)"/>, <see cref="Rate"/>, for plots).
/// </summary>
public sealed class SlidingWindow
{
    private readonly Queue<double?> _items = new();
    private double _shift = double.NaN;
    private double _sum;
    private double _squares;
    private int _present;

    /// <summary>A window over the last <paramref name="size"/> values (at least 1).</summary>
    public SlidingWindow(int size)
    {
        CheckSize(size);
        Size = size;
    }

    /// <summary>How many of the last values the window covers.</summary>
    public int Size { get; }

    /// <summary>Values (present or missing) in the window now, at most <see cref="Size"/>.</summary>
    public int Count => _items.Count;

    /// <summary>Statistics of the present values in the window; null when none is present.</summary>
    public SampleStats? Stats => SampleStats.FromSums(_present, _present == 0 ? 0 : _shift, _sum, _squares);

    /// <summary>Mean of the present values in the window; <see cref="double.NaN"/> when none is present.</summary>
    public double Mean => _present == 0 ? double.NaN : _shift + (_sum / _present);

    /// <summary>Adds the next value (null: missing), dropping the oldest when the window is full.</summary>
    public void Add(double? value)
    {
        _items.Enqueue(value);
        if (value is { } added)
            Include(added, +1);
        if (_items.Count > Size && _items.Dequeue() is { } dropped)
            Include(dropped, -1);
    }

    /// <summary>Trailing statistics of <paramref name="values"/> over <paramref name="window"/> points: null where no value in the window is present.</summary>
    public static SampleStats?[] Trailing(IReadOnlyList<double?> values, int window)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sliding = new SlidingWindow(window);
        var result = new SampleStats?[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            sliding.Add(values[i]);
            result[i] = sliding.Stats;
        }
        return result;
    }

    /// <summary>Trailing moving average of <paramref name="values"/> over <paramref name="window"/> points.</summary>
    public static double[] MovingAverage(IReadOnlyList<double> values, int window)
    {
        ArgumentNullException.ThrowIfNull(values);
        return MovingAverage([.. values.Select(v => (double?)v)], window);
    }

    /// <summary>
    /// Trailing moving average that skips missing values: each point is the mean of the present values among the
    /// last <paramref name="window"/> points, or <see cref="double.NaN"/> where none of them is present.
    /// </summary>
    public static double[] MovingAverage(IReadOnlyList<double?> values, int window)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sliding = new SlidingWindow(window);
        var result = new double[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            sliding.Add(values[i]);
            result[i] = sliding.Mean;
        }
        return result;
    }

    /// <summary>
    /// Sliding rate of an occurrence: each point is the fraction of the last <paramref name="window"/> points
    /// (fewer at the start) in which it occurred.
    /// </summary>
    public static double[] Rate(IReadOnlyList<bool> occurred, int window)
    {
        ArgumentNullException.ThrowIfNull(occurred);
        CheckSize(window);
        var result = new double[occurred.Count];
        var count = 0;
        for (var i = 0; i < occurred.Count; i++)
        {
            if (occurred[i])
                count++;
            if (i >= window && occurred[i - window])
                count--;
            result[i] = (double)count / Math.Min(i + 1, window);
        }
        return result;
    }

    private void Include(double value, int sign)
    {
        if (_present == 0 && sign > 0)
        {
            // Sums are kept about a shift near the values (the first present one) so the variance stays accurate;
            // re-anchored whenever the window empties, so rounding never accumulates across a long series.
            _shift = value;
            _sum = 0;
            _squares = 0;
        }
        var x = value - _shift;
        _sum += sign * x;
        _squares += sign * x * x;
        _present += sign;
        if (_present == 0)
        {
            _sum = 0;
            _squares = 0;
        }
    }

    private static void CheckSize(int size) => ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
}
