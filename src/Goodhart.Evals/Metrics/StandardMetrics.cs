using Goodhart.Evals.Harness;

namespace Goodhart.Evals.Metrics;

/// <summary>The metric sets scorers use by default.</summary>
public static class StandardMetrics
{
    /// <summary>accuracy, stderr and a seeded bootstrap 95% CI, for correct/incorrect scorers.</summary>
    public static IReadOnlyList<IMetric> Accuracy { get; } = [new AccuracyMetric(), new StderrMetric(), new BootstrapCiMetric()];

    /// <summary>mean, stderr and a seeded bootstrap 95% CI, for graded scorers.</summary>
    public static IReadOnlyList<IMetric> Mean { get; } = [new MeanMetric(), new StderrMetric(), new BootstrapCiMetric()];
}
