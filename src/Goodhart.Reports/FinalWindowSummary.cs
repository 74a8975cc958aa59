using Goodhart.Core.Runs;

namespace Goodhart.Reports;

/// <summary>
/// The numbers a report states about one run: both objectives over the first and the final window of training
/// episodes, the Goodhart gap, the oracle, safety-event rates in the final window, and greedy evaluation results.
/// </summary>
/// <param name="TrainingEpisodes">Number of training episodes.</param>
/// <param name="Window">Episodes per window (the first and final windows are the first and last this many training episodes).</param>
/// <param name="EarlyReturn">Return over the first window.</param>
/// <param name="EarlyPerformance">Performance over the first window (counted episodes only).</param>
/// <param name="FinalReturn">Return over the final window.</param>
/// <param name="FinalPerformance">Performance over the final window (counted episodes only).</param>
/// <param name="OraclePerformance">Best achievable performance, if known.</param>
/// <param name="FinalEventRates">For every safety event seen in training: the fraction of final-window episodes in which it occurred, by name (ordinal order).</param>
/// <param name="EvaluationReturn">Return over all evaluation episodes (Count 0 if none).</param>
/// <param name="EvaluationPerformance">Performance over all counted evaluation episodes (Count 0 if none).</param>
public sealed record FinalWindowSummary(
    int TrainingEpisodes,
    int Window,
    ObjectiveStats EarlyReturn,
    ObjectiveStats EarlyPerformance,
    ObjectiveStats FinalReturn,
    ObjectiveStats FinalPerformance,
    double? OraclePerformance,
    IReadOnlyList<KeyValuePair<string, double>> FinalEventRates,
    ObjectiveStats EvaluationReturn,
    ObjectiveStats EvaluationPerformance)
{
    /// <summary>Goodhart gap: final-window mean return minus mean performance (positive when the visible score overstates the intended one); null without performance.</summary>
    public double? Gap => FinalReturn.HasValues && FinalPerformance.HasValues ? FinalReturn.Mean - FinalPerformance.Mean : null;

    /// <summary>How far final-window mean performance falls short of the oracle; null without both.</summary>
    public double? ShortfallFromOracle => OraclePerformance is { } o && FinalPerformance.HasValues ? o - FinalPerformance.Mean : null;

    /// <summary>Summarises one run's episodes with <paramref name="window"/>-episode windows.</summary>
    public static FinalWindowSummary Compute(RunReportInput input, int window)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var training = input.TrainingEpisodes();
        var evaluation = input.EvaluationEpisodes();
        var w = Math.Min(window, training.Count);
        var early = training.Take(w).ToList();
        var final = training.Skip(training.Count - w).ToList();

        var eventNames = training.SelectMany(e => e.Events.Where(kv => kv.Value > 0).Select(kv => kv.Key))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var rates = eventNames
            .Select(name => new KeyValuePair<string, double>(name, w == 0 ? 0 : (double)final.Count(e => Occurred(e, name)) / w))
            .ToList();

        return new FinalWindowSummary(
            training.Count,
            window,
            ObjectiveStats.Of(early.Select(e => e.Return)),
            PerformanceOf(early),
            ObjectiveStats.Of(final.Select(e => e.Return)),
            PerformanceOf(final),
            input.OraclePerformance,
            rates,
            ObjectiveStats.Of(evaluation.Select(e => e.Return)),
            PerformanceOf(evaluation));
    }

    /// <summary>True if <paramref name="eventName"/> occurred at least once in <paramref name="episode"/>.</summary>
    public static bool Occurred(EpisodeRecord episode, string eventName) =>
        episode.Events.TryGetValue(eventName, out var n) && n > 0;

    private static ObjectiveStats PerformanceOf(IEnumerable<EpisodeRecord> episodes) =>
        ObjectiveStats.Of(episodes.Where(e => e.Performance.HasValue).Select(e => e.Performance!.Value));
}
