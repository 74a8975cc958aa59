using Goodhart.Evals.Metrics;

namespace Goodhart.Evals.Tests.Metrics;

public sealed class MetricTests
{
    [Fact]
    public void Accuracy_is_the_mean_of_values()
    {
        Assert.Equal(0.75, new AccuracyMetric().Compute([1, 0, 1, 1]).Value, 12);
    }

    [Fact]
    public void Stderr_matches_the_hand_computed_value()
    {
        // mean 0.75, sample variance ((0.25^2) * 3 + 0.75^2) / 3 = 0.25, sd 0.5, stderr 0.5 / sqrt(4) = 0.25.
        Assert.Equal(0.25, new StderrMetric().Compute([1, 0, 1, 1]).Value, 12);
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sum of squares 32, sample sd sqrt(32/7), stderr sqrt(32/7)/sqrt(8).
        Assert.Equal(Math.Sqrt(32.0 / 7) / Math.Sqrt(8), new StderrMetric().Compute([2, 4, 4, 4, 5, 5, 7, 9]).Value, 12);
    }

    [Fact]
    public void Stderr_of_one_value_is_zero()
    {
        Assert.Equal(0, new StderrMetric().Compute([1]).Value);
    }

    [Fact]
    public void Bootstrap_ci_of_constant_values_is_that_value()
    {
        var ci = new BootstrapCiMetric().Compute([1, 1, 1]);
        Assert.Equal((1.0, 1.0, 1.0), (ci.Value, ci.Lower!.Value, ci.Upper!.Value));
    }

    [Fact]
    public void Bootstrap_ci_of_two_values_spans_zero_to_one()
    {
        // Resample means of {0, 1} are 0, 0.5, 1 with probability 1/4, 1/2, 1/4: the 2.5% and 97.5% points are 0 and 1.
        var ci = new BootstrapCiMetric(resamples: 2000, seed: 7).Compute([0, 1]);
        Assert.Equal(0.5, ci.Value);
        Assert.Equal(0, ci.Lower);
        Assert.Equal(1, ci.Upper);
    }

    [Fact]
    public void Bootstrap_ci_agrees_with_the_normal_interval_on_a_large_sample()
    {
        // 100 values, half ones: stderr 0.05025, normal 95% interval 0.5 +- 1.96 * 0.05025 = [0.4015, 0.5985].
        var values = Enumerable.Range(0, 100).Select(i => (double)(i % 2)).ToList();
        var ci = new BootstrapCiMetric(resamples: 4000, seed: 3).Compute(values);
        Assert.InRange(ci.Lower!.Value, 0.38, 0.42);
        Assert.InRange(ci.Upper!.Value, 0.58, 0.62);
    }

    [Fact]
    public void Bootstrap_ci_is_reproducible_from_its_seed()
    {
        double[] values = [0, 1, 1, 0, 1, 1, 1, 0, 0.5];
        var a = new BootstrapCiMetric(seed: 5).Compute(values);
        var b = new BootstrapCiMetric(seed: 5).Compute(values);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Pass_at_k_matches_the_unbiased_estimate()
    {
        // n = 5, c = 2, k = 2: 1 - C(3, 2) / C(5, 2) = 1 - 3/10.
        Assert.Equal(0.7, EpochReducer.PassAt(2).Reduce([1, 0, 1, 0, 0]), 12);
        Assert.Equal(0.4, EpochReducer.PassAt(1).Reduce([1, 0, 1, 0, 0]), 12);
        Assert.Equal(0, EpochReducer.PassAt(2).Reduce([0, 0, 0]), 12);
    }

    [Theory]
    [InlineData("mean", 0.5)]
    [InlineData("max", 1.0)]
    [InlineData("min", 0.0)]
    [InlineData("pass_at_1", 0.5)]
    public void Reducers_parse_by_name_and_reduce(string name, double expected)
    {
        Assert.Equal(expected, EpochReducer.Parse(name).Reduce([1, 0]), 12);
    }

    [Fact]
    public void Unknown_reducer_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => EpochReducer.Parse("median-ish"));
    }
}
