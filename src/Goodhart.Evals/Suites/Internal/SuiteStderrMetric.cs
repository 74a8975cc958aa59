using Goodhart.Evals.Harness;

namespace Goodhart.Evals.Suites.Internal;

/// <summary>The standard error of the mean of a scorer's values (sample standard deviation over the square root of n); the suites' private copy.</summary>
internal sealed class SuiteStderrMetric : IMetric
{
    /// <inheritdoc />
    public string Name => "stderr";

    /// <inheritdoc />
    public MetricValue Compute(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
            return new MetricValue(Name, 0);
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return new MetricValue(Name, Math.Sqrt(variance / values.Count));
    }
}
