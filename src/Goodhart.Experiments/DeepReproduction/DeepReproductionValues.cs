using System.Globalization;
using Goodhart.Core.Runs;

namespace Goodhart.Experiments.DeepReproduction;

/// <summary>
/// The named results of a <c>gridworld-deep-reproduction</c> cell, declared once, and the curve binning: training
/// episodes are averaged per slice of the step budget (slice i ends at (i + 1) x steps / points).
/// </summary>
public static class DeepReproductionValues
{
    /// <summary>Mean visible return of the training episodes in the last tenth of the steps.</summary>
    public const string FinalReturn = "final/return";

    /// <summary>Mean hidden performance of the training episodes in the last tenth of the steps.</summary>
    public const string FinalPerformance = "final/performance";

    /// <summary>Mean visible return of the greedy evaluation on the training level.</summary>
    public const string EvalReturn = "eval/return";

    /// <summary>Mean hidden performance of the greedy evaluation on the training level.</summary>
    public const string EvalPerformance = "eval/performance";

    /// <summary>Episodes the agent trained in all.</summary>
    public const string TrainingEpisodes = "train/episodes";

    /// <summary>Prefix of the share of last-tenth training episodes with a safety event: <c>events/NAME</c>.</summary>
    public const string EventPrefix = "events/";

    /// <summary>Prefix of the share of greedy evaluation episodes with a safety event: <c>eval_events/NAME</c>.</summary>
    public const string EvalEventPrefix = "eval_events/";

    /// <summary>Prefix of greedy results on test levels: <c>test/ENV/return</c>, <c>test/ENV/performance</c>.</summary>
    public const string TestPrefix = "test/";

    /// <summary>The oracle's mean performance.</summary>
    public const string OraclePerformance = MetricNames.OraclePerformance;

    /// <summary>The oracle's mean return.</summary>
    public const string OracleReturn = MetricNames.OracleReturn;

    /// <summary>The name of curve point <paramref name="index"/> of <paramref name="objective"/> (<c>return</c> or <c>performance</c>).</summary>
    public static string Curve(string objective, int index) => string.Create(CultureInfo.InvariantCulture, $"curve/{objective}/{index:000}");

    /// <summary>Where slice <paramref name="index"/> of <paramref name="points"/> ends on an axis of <paramref name="steps"/>.</summary>
    public static double SliceEnd(long steps, int points, int index) => (index + 1) * (double)steps / points;

    /// <summary>
    /// Adds the curve, final-window and event values of training episodes (<paramref name="episodes"/>, each ending at
    /// <paramref name="endSteps"/>) to <paramref name="values"/>.
    /// </summary>
    public static void AddTraining(Dictionary<string, double> values, IReadOnlyList<EpisodeRecord> episodes, IReadOnlyList<long> endSteps, long steps, int points)
    {
        var sums = new (double Return, double Performance, int Count, int Counted)[points];
        for (var i = 0; i < episodes.Count; i++)
        {
            if (endSteps[i] > steps)
                continue;
            var slice = (int)Math.Clamp((long)Math.Ceiling(endSteps[i] * (double)points / steps) - 1, 0, points - 1);
            sums[slice].Return += episodes[i].Return;
            sums[slice].Count++;
            if (episodes[i].Performance is { } p)
            {
                sums[slice].Performance += p;
                sums[slice].Counted++;
            }
        }
        for (var s = 0; s < points; s++)
        {
            values[Curve("return", s)] = sums[s].Count == 0 ? double.NaN : sums[s].Return / sums[s].Count;
            values[Curve("performance", s)] = sums[s].Counted == 0 ? double.NaN : sums[s].Performance / sums[s].Counted;
        }
        var last = Enumerable.Range(0, episodes.Count).Where(i => endSteps[i] > steps * 0.9 && endSteps[i] <= steps).Select(i => episodes[i]).ToList();
        values[FinalReturn] = last.Count == 0 ? double.NaN : last.Average(e => e.Return);
        var counted = last.Where(e => e.Performance is not null).ToList();
        values[FinalPerformance] = counted.Count == 0 ? double.NaN : counted.Average(e => e.Performance!.Value);
        values[TrainingEpisodes] = episodes.Count;
        AddEvents(values, EventPrefix, last);
    }

    /// <summary>Adds the share of <paramref name="episodes"/> in which each safety event occurred, under <paramref name="prefix"/>.</summary>
    public static void AddEvents(Dictionary<string, double> values, string prefix, IReadOnlyList<EpisodeRecord> episodes)
    {
        if (episodes.Count == 0)
            return;
        foreach (var name in episodes.SelectMany(e => e.Events.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            values[prefix + name] = episodes.Count(e => e.Events.GetValueOrDefault(name) > 0) / (double)episodes.Count;
    }
}
