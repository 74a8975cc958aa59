namespace Goodhart.Evals.Harness;

/// <summary>A summary of one scorer's scored values over a task's samples (Inspect's Metric: accuracy, mean, stderr, ...).</summary>
public interface IMetric
{
    /// <summary>Name in logs, reports and <c>--fail-under</c> (e.g. <c>accuracy</c>).</summary>
    string Name { get; }

    /// <summary>The metric over <paramref name="values"/> (scored samples only; never empty).</summary>
    MetricValue Compute(IReadOnlyList<double> values);
}
