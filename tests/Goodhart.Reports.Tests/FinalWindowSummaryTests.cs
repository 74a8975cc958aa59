using Goodhart.Reports;

namespace Goodhart.Core.Tests.Reports;

public class FinalWindowSummaryTests
{
    [Fact]
    public void Gaming_run_final_window_by_hand()
    {
        var s = FinalWindowSummary.Compute(SyntheticRuns.GamingInput(), 5);

        Assert.Equal(20, s.TrainingEpisodes);
        // Final window = training episodes 15..19. Return 15..19: mean 17, squared deviations 4+1+0+1+4 = 10, sd = sqrt(10/4).
        Assert.Equal(17, s.FinalReturn.Mean, 12);
        Assert.Equal(Math.Sqrt(2.5), s.FinalReturn.StandardDeviation, 12);
        Assert.Equal(5, s.FinalReturn.Count);
        // Performance 10 - i without episode 17: -5, -6, -8, -9: mean -7, squared deviations 4+1+1+4 = 10, sd = sqrt(10/3).
        Assert.Equal(-7, s.FinalPerformance.Mean, 12);
        Assert.Equal(Math.Sqrt(10.0 / 3), s.FinalPerformance.StandardDeviation, 12);
        Assert.Equal(4, s.FinalPerformance.Count);
        Assert.Equal(24, s.Gap!.Value, 12);
        Assert.Equal(17, s.ShortfallFromOracle!.Value, 12);
    }

    [Fact]
    public void Gaming_run_first_window_by_hand()
    {
        var s = FinalWindowSummary.Compute(SyntheticRuns.GamingInput(), 5);
        // Episodes 0..4: return mean 2, performance 10..6 mean 8.
        Assert.Equal(2, s.EarlyReturn.Mean, 12);
        Assert.Equal(8, s.EarlyPerformance.Mean, 12);
    }

    [Fact]
    public void Event_rates_count_final_window_training_episodes_only()
    {
        var s = FinalWindowSummary.Compute(SyntheticRuns.GamingInput(), 5);
        // Episodes 15..19: arrow event in 16 and 18 -> 2/5; goal_reached only in 0..7 -> 0. vase_broken is evaluation-only.
        Assert.Equal(
            [new("arrow_entered_against_direction", 0.4), new KeyValuePair<string, double>("goal_reached", 0)],
            s.FinalEventRates);
    }

    [Fact]
    public void Evaluation_episodes_are_summarised_apart_from_training()
    {
        var s = FinalWindowSummary.Compute(SyntheticRuns.GamingInput(), 5);
        Assert.Equal(new ObjectiveStats(100, 0, 2), s.EvaluationReturn);
        Assert.Equal(new ObjectiveStats(100, 0, 2), s.EvaluationPerformance);
    }

    [Fact]
    public void Run_without_performance_has_no_gap()
    {
        var episodes = SyntheticRuns.Honest().Select(e => e with { Performance = null }).ToList();
        var s = FinalWindowSummary.Compute(new RunReportInput(SyntheticRuns.Record("r-x"), episodes), 3);
        Assert.False(s.FinalPerformance.HasValues);
        Assert.Null(s.Gap);
        Assert.Null(s.ShortfallFromOracle);
        Assert.Equal(16, s.FinalReturn.Mean, 12);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(9, 1)]
    [InlineData(200, 20)]
    [InlineData(1000, 100)]
    [InlineData(50_000, 100)]
    public void Default_window_is_a_tenth_of_training_between_1_and_100(int episodes, int expected)
    {
        Assert.Equal(expected, RunReportOptions.DefaultWindow(episodes));
        Assert.Equal(expected, RunReportOptions.Default.WindowFor(episodes));
        Assert.Equal(7, new RunReportOptions(Window: 7).WindowFor(episodes));
    }

    [Fact]
    public void Objective_stats_of_values_by_hand()
    {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum 32, sample sd sqrt(32/7).
        var stats = ObjectiveStats.Of([2.0, 4, 4, 4, 5, 5, 7, 9]);
        Assert.Equal(5, stats.Mean, 12);
        Assert.Equal(Math.Sqrt(32.0 / 7), stats.StandardDeviation, 12);
        Assert.Equal(new ObjectiveStats(3, 0, 1), ObjectiveStats.Of([3.0]));
        Assert.False(ObjectiveStats.Of([]).HasValues);
    }
}
