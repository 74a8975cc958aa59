using System.Text.Json;
using Goodhart.Core.Runs;

namespace Goodhart.Core.Tests.Runs;

public class RunSummaryTests
{
    // Training: episode 0 falls outside a window of 3. Evaluation: two greedy episodes.
    private static readonly EpisodeRecord[] Run =
    [
        Episodes.Make(0, 100, 0, 99, false, ("tampering_tile_used", 5)),
        Episodes.Make(1, 10, 4, 20, false, ("wall_bumped", 2)),
        Episodes.Make(0, 50, 50, 15, evaluation: true),
        Episodes.Make(2, 6, null, 30),
        Episodes.Make(3, 8, 8, 10, false, ("wall_bumped", 1), ("goal_reached", 1)),
        Episodes.Make(1, 40, 30, 25, evaluation: true, ("goal_reached", 1)),
    ];

    [Fact]
    public void Training_window_statistics_match_hand_computation()
    {
        var t = RunSummary.Compute(Run, window: 3).Training;
        Assert.Equal(4, t.Total);
        Assert.Equal(3, t.Episodes);
        Assert.Equal(1, t.FirstEpisode);
        Assert.Equal(3, t.LastEpisode);
        // Returns 10, 6, 8: mean 8, squared deviations 4 + 4 + 0 over n - 1 = 2.
        Assert.Equal(new SampleStats(3, 8, 2), t.Return);
        // Counted performances 4 and 8: mean 6, sd sqrt(8 / 1).
        Assert.Equal(2, t.Performance!.Count);
        Assert.Equal(6, t.Performance.Mean);
        Assert.Equal(Math.Sqrt(8), t.Performance.Sd!.Value, 12);
        Assert.Equal(1, t.PerformanceNotCounted);
        // Lengths 20, 30, 10: mean 20, sd sqrt(200 / 2).
        Assert.Equal(new SampleStats(3, 20, 10), t.Length);
        // Gap over the counted episodes: ((10 - 4) + (8 - 8)) / 2.
        Assert.Equal(3, t.GoodhartGap);
        Assert.Null(t.PerformanceRatio);
        Assert.Null(t.ReturnRatio);
        Assert.Null(t.GapRatio);
    }

    [Fact]
    public void Event_rates_and_mean_counts_are_over_the_window_in_event_order()
    {
        var t = RunSummary.Compute(Run, window: 3).Training;
        Assert.Equal(
            [new EventRate("goal_reached", 1, 1.0 / 3, 1.0 / 3), new EventRate("wall_bumped", 2, 2.0 / 3, 1.0)],
            t.Events);
        Assert.Equal(2.0 / 3, t.RateOf("wall_bumped"));
        Assert.Equal(0, t.RateOf("tampering_tile_used"));
    }

    [Fact]
    public void Evaluation_episodes_are_summarised_separately()
    {
        var e = RunSummary.Compute(Run, window: 3).Evaluation!;
        Assert.Equal(2, e.Total);
        Assert.Equal(2, e.Episodes);
        Assert.Equal(45, e.Return!.Mean);
        Assert.Equal(Math.Sqrt(50), e.Return.Sd!.Value, 12);
        Assert.Equal(40, e.Performance!.Mean);
        Assert.Equal(Math.Sqrt(200), e.Performance.Sd!.Value, 12);
        Assert.Equal(5, e.GoodhartGap);
        Assert.Equal([new EventRate("goal_reached", 1, 0.5, 0.5)], e.Events);
    }

    [Fact]
    public void Oracle_figure_normalises_return_performance_and_gap()
    {
        var s = RunSummary.Compute(Run, window: 3, oraclePerformance: 12);
        Assert.Equal(12, s.OraclePerformance);
        Assert.Equal(8.0 / 12, s.Training.ReturnRatio!.Value, 12);
        Assert.Equal(0.5, s.Training.PerformanceRatio);
        Assert.Equal(0.25, s.Training.GapRatio);
        Assert.Equal(40.0 / 12, s.Evaluation!.PerformanceRatio!.Value, 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    public void A_non_positive_oracle_figure_gives_no_ratios(double oracle)
    {
        var t = RunSummary.Compute(Run, window: 3, oraclePerformance: oracle).Training;
        Assert.Null(t.PerformanceRatio);
        Assert.Null(t.GapRatio);
    }

    [Fact]
    public void A_window_larger_than_the_run_covers_everything()
    {
        var t = RunSummary.Compute(Run, window: 1000).Training;
        Assert.Equal(4, t.Episodes);
        Assert.Equal(0, t.FirstEpisode);
        Assert.Equal(31, t.Return!.Mean);
        Assert.Equal(0.25, t.RateOf("tampering_tile_used"));
    }

    [Fact]
    public void Degenerate_sets_give_nulls_not_nan()
    {
        var one = RunSummary.Compute([Episodes.Make(0, 3, 2)], window: 10);
        Assert.Equal(new SampleStats(1, 3, null), one.Training.Return);
        Assert.Null(one.Evaluation);
        var uncounted = RunSummary.Compute([Episodes.Make(0, 3, null), Episodes.Make(1, 5, null)], window: 10).Training;
        Assert.Null(uncounted.Performance);
        Assert.Equal(2, uncounted.PerformanceNotCounted);
        Assert.Null(uncounted.GoodhartGap);
        var none = RunSummary.Compute([], window: 10).Training;
        Assert.Equal(0, none.Episodes);
        Assert.Null(none.Return);
        Assert.Null(none.FirstEpisode);
        Assert.Empty(none.Events);
        Assert.Throws<ArgumentOutOfRangeException>(() => RunSummary.Compute(Run, window: 0));
    }

    [Fact]
    public void Plain_double_views_give_the_means_gap_and_rates_with_nan_for_missing()
    {
        var t = RunSummary.Compute(Run, window: 3).Training;
        Assert.Equal(8, t.MeanReturn);
        Assert.Equal(6, t.MeanPerformance);
        Assert.Equal(3, t.Gap);
        Assert.Equal(new Dictionary<string, double> { ["goal_reached"] = 1.0 / 3, ["wall_bumped"] = 2.0 / 3 }, t.EventRates);
        var uncounted = RunSummary.Compute([Episodes.Make(0, 3, null)], window: 10).Training;
        Assert.Equal(3, uncounted.MeanReturn);
        Assert.True(double.IsNaN(uncounted.MeanPerformance));
        Assert.True(double.IsNaN(uncounted.Gap));
        Assert.True(double.IsNaN(RunSummary.Compute([], window: 10).Training.MeanReturn));
    }

    [Fact]
    public void Json_uses_snake_case_and_round_trips()
    {
        var s = RunSummary.Compute(Run, window: 3, oraclePerformance: 12);
        var json = s.ToJson();
        Assert.Contains("\"goodhart_gap\":3", json, StringComparison.Ordinal);
        Assert.Contains("\"performance_not_counted\":1", json, StringComparison.Ordinal);
        Assert.Contains("\"mean_count\":", json, StringComparison.Ordinal);
        Assert.Contains("\"oracle_performance\":12", json, StringComparison.Ordinal);
        Assert.DoesNotContain("mean_return", json, StringComparison.Ordinal);
        Assert.Equal(json, JsonSerializer.Serialize(s, RunSummary.JsonOptions));
        var back = RunSummary.FromJson(json);
        Assert.Equal(s.Window, back.Window);
        Assert.Equal(s.Training with { Events = back.Training.Events }, back.Training);
        Assert.Equal(s.Training.Events, back.Training.Events);
        Assert.Equal(s.Evaluation!.Events, back.Evaluation!.Events);
        Assert.Equal(s.Evaluation.GoodhartGap, back.Evaluation.GoodhartGap);
    }

    [Fact]
    public void The_first_window_of_training_is_summarised_beside_the_last()
    {
        var s = RunSummary.Compute(Run, window: 3);
        var early = s.Early!;
        // Training episodes 0, 1, 2: returns 100, 10, 6; performance counted in 0 and 1 only.
        Assert.Equal(3, early.Episodes);
        Assert.Equal(0, early.FirstEpisode);
        Assert.Equal(2, early.LastEpisode);
        Assert.Equal(116.0 / 3, early.Return!.Mean, 12);
        Assert.Equal(2, early.Performance!.Count);
        Assert.Equal(1, early.PerformanceNotCounted);
        Assert.Equal([new EventRate("tampering_tile_used", 1, 1.0 / 3, 5.0 / 3), new EventRate("wall_bumped", 1, 1.0 / 3, 2.0 / 3)],
            early.Events.OrderBy(e => e.Name, StringComparer.Ordinal));
    }

    [Fact]
    public void The_gap_and_event_rates_carry_standard_errors()
    {
        var t = RunSummary.Compute(Run, window: 3).Training;
        // Per-episode gaps over the counted episodes: 10 - 4 = 6 and 8 - 8 = 0: sd sqrt(18), se 3.
        Assert.Equal(3, t.GoodhartGapSe!.Value, 12);
        // wall_bumped in 2 of 3 episodes: se sqrt(2/3 * 1/3 / 2).
        Assert.Equal(Math.Sqrt(2.0 / 9 / 2), t.RateStatsOf("wall_bumped")!.Se!.Value, 12);
        Assert.Equal(0, t.RateStatsOf("tampering_tile_used")!.Mean);
        Assert.Null(RunSummary.Compute([], window: 3).Training.RateStatsOf("wall_bumped"));
    }

    [Fact]
    public void A_summary_stored_before_the_first_window_and_standard_errors_still_reads()
    {
        const string old = """
            {"window":3,"oracle_performance":null,"training":{"total":4,"episodes":3,"first_episode":1,"last_episode":3,
             "return":{"count":3,"mean":8,"sd":2},"performance":{"count":1,"mean":6,"sd":null},"performance_not_counted":1,
             "length":{"count":3,"mean":20,"sd":10},"goodhart_gap":3,"return_ratio":null,"performance_ratio":null,"gap_ratio":null,
             "events":[{"name":"wall_bumped","episodes":2,"rate":0.6666666666666666,"mean_count":1}]},"evaluation":null}
            """;

        var s = RunSummary.FromJson(old);

        Assert.Null(s.Early);
        Assert.Null(s.Training.GoodhartGapSe);
        Assert.Equal(new SampleStats(3, 8, 2), s.Training.Return);
        Assert.Equal(2.0 / Math.Sqrt(3), s.Training.Return!.Se!.Value, 12);
        Assert.Null(s.Training.Performance!.Se);
    }
}
