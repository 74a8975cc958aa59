using CsCheck;
using Goodhart.Core.Oversight;

namespace Goodhart.Core.Tests.Oversight;

public class PerformanceGapRecoveredTests
{
    [Theory]
    [InlineData(0.6, 0.7, 0.8, 0.5)]
    [InlineData(0.6, 0.8, 0.8, 1.0)]
    [InlineData(0.6, 0.6, 0.8, 0.0)]
    [InlineData(0.6, 0.5, 0.8, -0.5)]
    [InlineData(0.6, 0.9, 0.8, 1.5)]
    public void Is_the_share_of_the_gap_recovered(double weak, double w2s, double ceiling, double pgr) =>
        Assert.Equal(pgr, PerformanceGapRecovered.Of(weak, w2s, ceiling), 12);

    [Theory]
    [InlineData(0.8, 0.85, 0.8)]
    [InlineData(0.8, 0.85, 0.8005)]
    [InlineData(0.8, 0.85, 0.7)]
    [InlineData(double.NaN, 0.85, 0.9)]
    public void Is_undefined_when_there_is_no_gap_to_recover(double weak, double w2s, double ceiling) =>
        Assert.True(double.IsNaN(PerformanceGapRecovered.Of(weak, w2s, ceiling)));

    [Fact]
    public void Is_zero_at_the_weak_score_and_one_at_the_ceiling() =>
        Gen.Double[0, 0.9].Select(Gen.Double[0.01, 0.1]).Sample((weak, gap) =>
        {
            var ceiling = weak + gap;
            return Math.Abs(PerformanceGapRecovered.Of(weak, weak, ceiling)) < 1e-9
                && Math.Abs(PerformanceGapRecovered.Of(weak, ceiling, ceiling) - 1) < 1e-9;
        });
}
