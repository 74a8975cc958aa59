using Goodhart.Evals.Harness;

namespace Goodhart.Evals.Metrics;

/// <summary>Inspect's <c>mean</c>: the mean of scored values (for non-binary scores, e.g. a 1-10 judge rating).</summary>
public sealed class MeanMetric : IMetric
{
    /// <inheritdoc />
    /// <summary>The mean, reported as <paramref name="name"/> (default <c>mean</c>; suites name rates, e.g. <c>flip_rate</c>).</summary>
    public MeanMetric(string name = "mean")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The name in logs and reports.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public MetricValue Compute(IReadOnlyList<double> values) => new(Name, SampleStatistics.Mean(values));
}
