using Goodhart.Evals.Harness;

namespace Goodhart.Evals.Metrics;

/// <summary>
/// A percentile bootstrap confidence interval of the mean: <see cref="Resamples"/> resamples with replacement drawn
/// from a seeded generator (the same values and seed give the same interval). The value is the mean; the interval is
/// in <see cref="MetricValue.Lower"/> and <see cref="MetricValue.Upper"/>.
/// </summary>
public sealed class BootstrapCiMetric : IMetric
{
    /// <summary>A <paramref name="confidence"/> interval from <paramref name="resamples"/> resamples seeded with <paramref name="seed"/>.</summary>
    public BootstrapCiMetric(double confidence = 0.95, int resamples = 1000, int seed = 1)
    {
        if (confidence is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "confidence must be in (0, 1)");
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        Confidence = confidence;
        Resamples = resamples;
        Seed = seed;
    }

    /// <summary>The interval's coverage (0.95 for a 95% CI).</summary>
    public double Confidence { get; }

    /// <summary>How many resamples.</summary>
    public int Resamples { get; }

    /// <summary>The generator's seed.</summary>
    public int Seed { get; }

    /// <inheritdoc />
    public string Name => "bootstrap_ci";

    /// <inheritdoc />
    public MetricValue Compute(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var mean = SampleStatistics.Mean(values);
        var rng = new Random(Seed);
        var means = new double[Resamples];
        for (var r = 0; r < Resamples; r++)
        {
            var sum = 0.0;
            for (var i = 0; i < values.Count; i++)
                sum += values[rng.Next(values.Count)];
            means[r] = sum / values.Count;
        }
        Array.Sort(means);
        var tail = (1 - Confidence) / 2;
        return new MetricValue(Name, mean, SampleStatistics.Percentile(means, tail), SampleStatistics.Percentile(means, 1 - tail));
    }
}
