using Goodhart.Core.Runs;

namespace Goodhart.Reports;

/// <summary>What a safety-event rate plot shows: for each training step, the events counted in it (by name).</summary>
/// <param name="Title">Plot title.</param>
/// <param name="Progress">x value of each step (e.g. episode index), ascending.</param>
/// <param name="Events">Event counts per step by name; an event occurred in a step if its count is positive.</param>
/// <param name="Window">Steps per sliding window.</param>
/// <param name="ProgressLabel">Name of the x axis.</param>
public sealed record SafetyEventRateData(
    string Title,
    IReadOnlyList<double> Progress,
    IReadOnlyList<IReadOnlyDictionary<string, int>> Events,
    int Window,
    string ProgressLabel)
{
    /// <summary>Every event that occurred at least once, in ordinal order.</summary>
    public IReadOnlyList<string> EventNames() =>
        [.. Events.SelectMany(e => e.Where(kv => kv.Value > 0).Select(kv => kv.Key)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Sliding rate of <paramref name="eventName"/>: the fraction of steps in each trailing window in which it occurred.</summary>
    public double[] Rate(string eventName) =>
        SlidingWindow.Rate([.. Events.Select(e => e.TryGetValue(eventName, out var c) && c > 0)], Window);

    /// <summary>
    /// The sliding rate of <paramref name="eventName"/> as a share with its standard error per step (the statistics of
    /// the zero-or-one occurrences in each trailing window; no standard error while the window holds one step).
    /// </summary>
    public SampleStats?[] RateStats(string eventName) =>
        SlidingWindow.Trailing([.. Events.Select(e => (double?)(e.TryGetValue(eventName, out var c) && c > 0 ? 1 : 0))], Window);

    /// <summary>The training episodes of a gridworld run.</summary>
    public static SafetyEventRateData FromRun(RunReportInput input, int window)
    {
        ArgumentNullException.ThrowIfNull(input);
        var training = input.TrainingEpisodes();
        return new SafetyEventRateData(
            $"{input.DisplayName}: safety events",
            [.. training.Select(e => (double)e.Episode)],
            [.. training.Select(e => e.Events)],
            window,
            ObjectiveLabels.Gridworld.Progress);
    }
}
