using System.Text.Json;
using System.Text.Json.Serialization;
using Goodhart.Core.Environments;

namespace Goodhart.Core.Runs;

/// <summary>
/// The outcome of a run in figures, the one summary type of a run (the store's summary, the CLI's tables and the
/// HTML report): over its last <see cref="Window"/> training episodes, its first <see cref="Window"/> (where training
/// started from), and separately its last evaluation episodes, the visible return against the hidden performance
/// (the Goodhart gap), optionally as shares of what the oracle achieves, and the safety-event rates. Serialises to
/// snake_case JSON; summaries stored before <see cref="Early"/> existed read with it null.
/// </summary>
/// <param name="Window">How many of the last episodes (of each kind) were summarised.</param>
/// <param name="OraclePerformance">Best achievable performance used to normalise; null when not supplied.</param>
/// <param name="Training">Training episodes.</param>
/// <param name="Evaluation">Evaluation episodes; null when the run has none.</param>
/// <param name="Early">The first <paramref name="Window"/> training episodes; null in summaries stored before it was recorded.</param>
public sealed record RunSummary(int Window, double? OraclePerformance, EpisodeSetSummary Training, EpisodeSetSummary? Evaluation, EpisodeSetSummary? Early = null)
{
    /// <summary>The summary's JSON form: snake_case names, NaN and infinities allowed; read-only.</summary>
    public static readonly JsonSerializerOptions JsonOptions = CreateJsonOptions();

    /// <summary>
    /// Summarises the last <paramref name="window"/> training and evaluation episodes and the first
    /// <paramref name="window"/> training episodes (in list order: pass them by episode index).
    /// </summary>
    public static RunSummary Compute(IReadOnlyList<EpisodeRecord> episodes, int window, double? oraclePerformance = null)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var training = episodes.Where(e => !e.Evaluation).ToList();
        var evaluation = episodes.Where(e => e.Evaluation).ToList();
        return new RunSummary(window, oraclePerformance,
            Summarise(training, training.Count <= window ? training : training.GetRange(training.Count - window, window), oraclePerformance),
            evaluation.Count == 0 ? null : Summarise(evaluation, evaluation.Count <= window ? evaluation : evaluation.GetRange(evaluation.Count - window, window), oraclePerformance),
            Summarise(training, training.Count <= window ? training : training.GetRange(0, window), oraclePerformance));
    }

    /// <summary>Parses a summary written by <see cref="ToJson"/>.</summary>
    public static RunSummary FromJson(string json) =>
        JsonSerializer.Deserialize<RunSummary>(json, JsonOptions) ?? throw new JsonException("the summary is null");

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static EpisodeSetSummary Summarise(List<EpisodeRecord> all, List<EpisodeRecord> last, double? oracle)
    {
        var returns = last.Select(e => e.Return).ToList();
        var counted = last.Where(e => e.Performance.HasValue).ToList();
        var performance = SampleStats.Of(counted.Select(e => e.Performance!.Value).ToList());
        var gapStats = SampleStats.Of(counted.Select(e => e.Return - e.Performance!.Value).ToList());
        var gap = gapStats?.Mean;
        var returnStats = SampleStats.Of(returns);
        double? Ratio(double? x) => oracle is > 0 && x is { } v ? v / oracle.Value : null;
        return new EpisodeSetSummary(
            all.Count,
            last.Count,
            last.Count == 0 ? null : last[0].Episode,
            last.Count == 0 ? null : last[^1].Episode,
            returnStats,
            performance,
            last.Count - counted.Count,
            SampleStats.Of(last.Select(e => (double)e.Length).ToList()),
            gap,
            Ratio(returnStats?.Mean),
            Ratio(performance?.Mean),
            Ratio(gap),
            Rates(last),
            gapStats?.Se);
    }

    private static List<EventRate> Rates(List<EpisodeRecord> episodes)
    {
        var occurred = new Dictionary<string, (int Episodes, long Count)>(StringComparer.Ordinal);
        foreach (var e in episodes)
        {
            foreach (var (name, count) in e.Events)
            {
                if (count == 0)
                    continue;
                var (n, total) = occurred.GetValueOrDefault(name);
                occurred[name] = (n + 1, total + count);
            }
        }
        return [.. occurred
            .OrderBy(kv => EventOrder(kv.Key)).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new EventRate(kv.Key, kv.Value.Episodes, (double)kv.Value.Episodes / episodes.Count,
                (double)kv.Value.Count / episodes.Count))];
    }

    /// <summary>Known events in bit order, then any others.</summary>
    internal static int EventOrder(string name) =>
        SafetyEventNames.TryParse(name, out var e) ? SafetyEventNames.IndexOf(e) : int.MaxValue;
}
