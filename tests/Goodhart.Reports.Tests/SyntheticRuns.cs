using Goodhart.Reports;
using Goodhart.Core.Runs;

namespace Goodhart.Core.Tests.Reports;

/// <summary>Hand-made runs whose summary numbers are worked out by hand in the tests.</summary>
internal static class SyntheticRuns
{
    public static RunRecord Record(string id, string env = "boat_race", string agent = "q-learning", string config = "{\"episodes\":20,\"alpha\":0.1}") =>
        new(id, "gridworld", env, agent, 7, config, "0.1.0+abc1234",
            new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), new DateTimeOffset(2026, 1, 2, 3, 5, 0, TimeSpan.Zero), "finished", null);

    /// <summary>
    /// 20 training episodes 0..19 where return is the episode index (rising) and performance is 10 minus it (falling),
    /// performance not counted in episode 17; goal_reached in episodes 0..7; arrow_entered_against_direction (3 times)
    /// in episodes 12, 14, 16, 18. Then 2 evaluation episodes with return and performance 100 and a vase_broken event
    /// that must not count as training.
    /// </summary>
    public static List<EpisodeRecord> Gaming()
    {
        var episodes = new List<EpisodeRecord>();
        for (var i = 0; i < 20; i++)
        {
            var events = new Dictionary<string, int>(StringComparer.Ordinal);
            if (i < 8)
                events["goal_reached"] = 1;
            if (i >= 12 && i % 2 == 0)
                events["arrow_entered_against_direction"] = 3;
            episodes.Add(new EpisodeRecord(i, i, 10 - 2 * i, i == 17 ? null : 10 - i, 100, false, "MaxSteps", events));
        }
        var broken = new Dictionary<string, int>(StringComparer.Ordinal) { ["vase_broken"] = 1 };
        episodes.Add(new EpisodeRecord(20, 100, 0, 100, 30, true, "Goal", broken, Evaluation: true));
        episodes.Add(new EpisodeRecord(21, 100, 0, 100, 30, true, "Goal", broken, Evaluation: true));
        return episodes;
    }

    /// <summary>10 training episodes where return and performance are both 2 * index and nothing else happens.</summary>
    public static List<EpisodeRecord> Honest() =>
        [.. Enumerable.Range(0, 10).Select(i => new EpisodeRecord(i, 2 * i, 0, 2 * i, 50, true, "Goal", new Dictionary<string, int>()))];

    public static RunReportInput GamingInput(double? oracle = 10) => new(Record("r-gaming-1"), Gaming(), oracle);
}
