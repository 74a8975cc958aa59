namespace Goodhart.Evals.Harness;

/// <summary>A metric's value with an optional confidence interval (e.g. a bootstrap 95% CI).</summary>
public sealed record MetricValue(string Name, double Value, double? Lower = null, double? Upper = null);
