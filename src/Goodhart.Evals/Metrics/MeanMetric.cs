using Goodhart.Evals.Harness;

namespace Goodhart.Evals.Metrics;

/// <summary>Inspect's <c>mean</c>: the mean of scored values (for non-binary scores, e.g. a 1-10 judge rating).</summary>
public sealed class MeanMetric : IMetric
{
    /// <inheritdoc />
    public string Name => "mean";

    /// <inheritdoc />
    public MetricValue Compute(IReadOnlyList<double> values) => new(Name, SampleStatistics.Mean(values));
}
