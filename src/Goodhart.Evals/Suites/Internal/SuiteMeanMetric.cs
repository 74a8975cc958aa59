using Goodhart.Evals.Harness;

namespace Goodhart.Evals.Suites.Internal;

/// <summary>The mean of a scorer's values under a suite-chosen name (accuracy, rate, mean); the suites' private copy of the harness's mean metric.</summary>
internal sealed class SuiteMeanMetric(string name) : IMetric
{
    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public MetricValue Compute(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new MetricValue(Name, values.Count == 0 ? double.NaN : values.Average());
    }
}
