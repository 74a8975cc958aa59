using Goodhart.Evals.Harness;

namespace Goodhart.Evals.Metrics;

/// <summary>Inspect's <c>accuracy</c>: the mean of 1/0 (or partial-credit) values over scored samples.</summary>
public sealed class AccuracyMetric : IMetric
{
    /// <inheritdoc />
    public string Name => "accuracy";

    /// <inheritdoc />
    public MetricValue Compute(IReadOnlyList<double> values) => new(Name, SampleStatistics.Mean(values));
}
