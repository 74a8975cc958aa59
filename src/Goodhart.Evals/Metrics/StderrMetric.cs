using Goodhart.Evals.Harness;

namespace Goodhart.Evals.Metrics;

/// <summary>
/// Inspect's <c>stderr</c>: the standard error of the mean, sample standard deviation (n - 1) over sqrt(n); 0 for a
/// single value.
/// </summary>
public sealed class StderrMetric : IMetric
{
    /// <inheritdoc />
    public string Name => "stderr";

    /// <inheritdoc />
    public MetricValue Compute(IReadOnlyList<double> values) => new(Name, SampleStatistics.StandardError(values));
}
