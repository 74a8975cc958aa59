namespace Goodhart.Reports;

/// <summary>
/// Trailing-window smoothing for per-episode series: the value at episode <c>i</c> summarises episodes
/// <c>i - window + 1 .. i</c> (fewer at the start of the series, so the first points average what exists so far).
/// </summary>
public static class SlidingWindow
{
    /// <summary>Trailing moving average of <paramref name="values"/> over <paramref name="window"/> points.</summary>
    public static double[] MovingAverage(IReadOnlyList<double> values, int window)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckWindow(window);
        var result = new double[values.Count];
        var sum = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            sum += values[i];
            if (i >= window)
                sum -= values[i - window];
            result[i] = sum / Math.Min(i + 1, window);
        }
        return result;
    }

    /// <summary>
    /// Trailing moving average that skips missing values (e.g. episodes whose performance the env does not count):
    /// each point is the mean of the present values among the last <paramref name="window"/> points,
    /// or <see cref="double.NaN"/> where none of them is present.
    /// </summary>
    public static double[] MovingAverage(IReadOnlyList<double?> values, int window)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckWindow(window);
        var result = new double[values.Count];
        var sum = 0.0;
        var present = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } added)
            {
                sum += added;
                present++;
            }
            if (i >= window && values[i - window] is { } dropped)
            {
                sum -= dropped;
                present--;
            }
            result[i] = present == 0 ? double.NaN : sum / present;
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
        CheckWindow(window);
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

    private static void CheckWindow(int window) =>
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
}
