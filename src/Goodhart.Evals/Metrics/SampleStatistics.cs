namespace Goodhart.Evals.Metrics;

/// <summary>Mean, standard error and percentiles of score values, shared by the metrics.</summary>
public static class SampleStatistics
{
    /// <summary>The arithmetic mean; NaN for no values.</summary>
    public static double Mean(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
            return double.NaN;
        var sum = 0.0;
        foreach (var v in values)
            sum += v;
        return sum / values.Count;
    }

    /// <summary>The standard error of the mean, sqrt(sum (x - mean)^2 / (n - 1)) / sqrt(n); 0 for fewer than two values.</summary>
    public static double StandardError(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
            return 0;
        var mean = Mean(values);
        var squares = 0.0;
        foreach (var v in values)
            squares += (v - mean) * (v - mean);
        return Math.Sqrt(squares / (values.Count - 1)) / Math.Sqrt(values.Count);
    }

    /// <summary>The <paramref name="q"/> quantile of sorted values, linearly interpolated between order statistics.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
            return double.NaN;
        var position = q * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
