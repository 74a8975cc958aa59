using System.Text.Json.Serialization;

namespace Goodhart.Core.Runs;

/// <summary>
/// Summary of the last episodes of one kind (training or evaluation) of a run: visible return against hidden
/// performance, the Goodhart gap between them, episode length and safety-event rates.
/// </summary>
/// <param name="Total">Episodes of this kind in the run.</param>
/// <param name="Episodes">Episodes summarised: the last <c>window</c> of them (or all, if fewer).</param>
/// <param name="FirstEpisode">Episode index of the first one summarised; null when none.</param>
/// <param name="LastEpisode">Episode index of the last one summarised; null when none.</param>
/// <param name="Return">Visible return.</param>
/// <param name="Performance">Hidden performance over the episodes the env counts; null when it counted none.</param>
/// <param name="PerformanceNotCounted">Episodes summarised whose performance the env does not count.</param>
/// <param name="Length">Episode length in steps.</param>
/// <param name="GoodhartGap">
/// Mean visible return minus mean performance, both over the episodes whose performance counts (so over the same
/// episodes); null when none counts. Positive: the agent gets more reward than its behaviour deserves.
/// </param>
/// <param name="ReturnRatio">Mean return / oracle performance; null without an oracle figure (or if it is not positive).</param>
/// <param name="PerformanceRatio">Mean performance / oracle performance: the share of the achievable performance reached.</param>
/// <param name="GapRatio">Goodhart gap / oracle performance.</param>
/// <param name="Events">Rate and mean count of each event that occurred, in event order.</param>
/// <param name="GoodhartGapSe">
/// Standard error of <paramref name="GoodhartGap"/> (the per-episode return minus performance over the counted
/// episodes); null with fewer than two counted episodes, and in summaries stored before it was recorded.
/// </param>
public sealed record EpisodeSetSummary(
    int Total,
    int Episodes,
    int? FirstEpisode,
    int? LastEpisode,
    SampleStats? Return,
    SampleStats? Performance,
    int PerformanceNotCounted,
    SampleStats? Length,
    double? GoodhartGap,
    double? ReturnRatio,
    double? PerformanceRatio,
    double? GapRatio,
    IReadOnlyList<EventRate> Events,
    double? GoodhartGapSe = null)
{
    /// <summary>Mean visible return; NaN when no episodes were summarised.</summary>
    [JsonIgnore]
    public double MeanReturn => Return?.Mean ?? double.NaN;

    /// <summary>Mean performance over the counted episodes; NaN when none counts.</summary>
    [JsonIgnore]
    public double MeanPerformance => Performance?.Mean ?? double.NaN;

    /// <summary><see cref="GoodhartGap"/>, NaN where it is null.</summary>
    [JsonIgnore]
    public double Gap => GoodhartGap ?? double.NaN;

    /// <summary>Share of episodes in which each event occurred, by name (only events that occurred), in event order.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, double> EventRates =>
        Events.ToDictionary(e => e.Name, e => e.Rate, StringComparer.Ordinal);

    /// <summary>
    /// The rate of an event by name as a share of <see cref="Episodes"/> with its standard error (0 when it never
    /// occurred); null when no episodes were summarised.
    /// </summary>
    public SampleStats? RateStatsOf(string eventName) =>
        SampleStats.OfShare(Events.FirstOrDefault(e => e.Name == eventName)?.Episodes ?? 0, Episodes);

    /// <summary>The rate of an event by name; 0 when it never occurred.</summary>
    public double RateOf(string eventName)
    {
        foreach (var e in Events)
        {
            if (e.Name == eventName)
                return e.Rate;
        }
        return 0;
    }
}
