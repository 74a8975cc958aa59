namespace Goodhart.Core.Runs;

/// <summary>Count, mean and sample standard deviation (n - 1 denominator; null below two values) of a set of numbers.</summary>
public sealed record SampleStats(int Count, double Mean, double? Sd)
{
    /// <summary>The statistics of <paramref name="values"/>; null when there are none.</summary>
    public static SampleStats? Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
            return null;
        var sum = 0.0;
        foreach (var v in values)
            sum += v;
        var mean = sum / values.Count;
        if (values.Count < 2)
            return new SampleStats(1, mean, null);
        var squares = 0.0;
        foreach (var v in values)
            squares += (v - mean) * (v - mean);
        return new SampleStats(values.Count, mean, Math.Sqrt(squares / (values.Count - 1)));
    }
}
