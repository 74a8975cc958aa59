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

    /// <summary>
    /// Statistics of the present values in the window; null when none is present. Computed afresh from the window's
    /// values (at most <see cref="Size"/>), not from running sums, which lose the spread of small values after large ones.
    /// </summary>
    public SampleStats? Stats => SampleStats.Of([.. _items.Where(v => v.HasValue).Select(v => v!.Value)]);

    /// <summary>Mean of the present values in the window; <see cref="double.NaN"/> when none is present.</summary>
    public double Mean => Stats?.Mean ?? double.NaN;

    /// <summary>Adds the next value (null: missing), dropping the oldest when the window is full.</summary>
    public void Add(double? value)
    {
        _items.Enqueue(value);
        if (_items.Count > Size)
            _items.Dequeue();
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

    private static void CheckSize(int size) => ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
}
