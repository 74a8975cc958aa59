using Goodhart.Evals.Harness;
using Goodhart.Evals.Metrics;

namespace Goodhart.Evals.Suites.Internal;

/// <summary>The metric lists the suites' scorers report: a named mean with its standard error.</summary>
internal static class SuiteMetrics
{
    /// <summary>The mean under <paramref name="name"/> and its standard error.</summary>
    public static IReadOnlyList<IMetric> MeanWithStderr(string name) => [new MeanMetric(name), new StderrMetric()];
}
