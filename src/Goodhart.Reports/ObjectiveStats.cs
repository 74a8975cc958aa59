namespace Goodhart.Reports;

/// <summary>Mean and sample standard deviation of one objective over a set of episodes.</summary>
/// <param name="Mean">Arithmetic mean (<see cref="double.NaN"/> when <paramref name="Count"/> is 0).</param>
/// <param name="StandardDeviation">Sample standard deviation (n - 1 in the denominator; 0 for a single value, NaN for none).</param>
/// <param name="Count">How many values were summarised.</param>
public sealed record ObjectiveStats(double Mean, double StandardDeviation, int Count)
{
    /// <summary>True when at least one value was summarised.</summary>
    public bool HasValues => Count > 0;

    /// <summary>Summarises <paramref name="values"/>.</summary>
    public static ObjectiveStats Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values as IReadOnlyList<double> ?? [.. values];
        if (list.Count == 0)
            return new ObjectiveStats(double.NaN, double.NaN, 0);
        var mean = 0.0;
        foreach (var v in list)
            mean += v;
        mean /= list.Count;
        if (list.Count == 1)
            return new ObjectiveStats(mean, 0, 1);
        var squares = 0.0;
        foreach (var v in list)
            squares += (v - mean) * (v - mean);
        return new ObjectiveStats(mean, Math.Sqrt(squares / (list.Count - 1)), list.Count);
    }
}
