using Goodhart.Experiments.Oversight;
using Goodhart.Learning.Rlhf;

namespace Goodhart.Experiments.Tests.Oversight;

public class PpoCurveSummaryTests
{
    [Fact]
    public void Peak_end_and_fall_come_from_the_evaluation_points()
    {
        var s = new PpoCurveSummary([0, 10, 20, 30], [0, 0.5, 0.9, 1.2], [-1.0, -0.4, -0.6, -0.8], [0.1, 0.3, 0.2, 0.4], 2.5, 12);
        Assert.Equal(1, s.PeakIndex);
        Assert.Equal(-1.0, s.GoldStart);
        Assert.Equal(-0.4, s.GoldPeak);
        Assert.Equal(0.5, s.PeakSqrtKl);
        Assert.Equal(-0.8, s.GoldEnd);
        Assert.Equal(1.2, s.EndSqrtKl);
        Assert.Equal(0.4, s.GoldFall, 12);
        Assert.Equal(0.5, s.GoldFallStandardError, 12); // sqrt(0.3^2 + 0.4^2)
    }

    [Fact]
    public void A_run_that_peaks_at_its_end_has_no_fall()
    {
        var s = new PpoCurveSummary([0, 5], [0, 0.3], [-1.0, -0.5], [0.2, 0.2], double.NaN, 1);
        Assert.Equal(0, s.GoldFall);
        Assert.Equal(0, s.GoldFallStandardError);
    }

    [Fact]
    public void A_dip_that_recovers_shows_as_the_lowest_point_though_the_run_has_no_fall()
    {
        var s = new PpoCurveSummary([0, 10, 20, 30], [0, 0.4, 0.8, 1.1], [-1.0, -1.6, -1.2, -0.9], [0.1, 0.3, 0.2, 0.4], double.NaN, 1);
        Assert.Equal(0, s.GoldFall); // the peak is the end: the fall alone does not see the dip
        Assert.Equal(1, s.LowestIndex);
        Assert.Equal(-1.6, s.GoldLowest);
        Assert.Equal(0.3, s.GoldLowestStandardError);
        Assert.Equal(0.4, s.LowestSqrtKl);
        Assert.Equal(10, s.LowestStep);
        Assert.Equal(0.6, s.GoldDip, 12);
        Assert.Equal(Math.Sqrt(0.1), s.GoldDipStandardError, 12); // sqrt(0.1^2 + 0.3^2)
    }

    [Fact]
    public void A_run_that_never_goes_below_its_start_has_its_lowest_point_at_the_start_and_no_dip()
    {
        var s = new PpoCurveSummary([0, 5, 10], [0, 0.2, 0.3], [-1.0, -0.7, -1.0], [0.2, 0.1, 0.3], double.NaN, 1);
        Assert.Equal(0, s.LowestIndex); // the first of two equal lowest points
        Assert.Equal(0, s.LowestStep);
        Assert.Equal(0, s.GoldDip);
        Assert.Equal(0, s.GoldDipStandardError);
    }

    [Fact]
    public void A_run_without_evaluation_points_is_refused()
    {
        var result = new PolicyOptimisationResult("ppo-rm", 3, [], [], 1);
        Assert.Throws<ArgumentException>(() => PpoCurveSummary.Of(result));
    }
}
