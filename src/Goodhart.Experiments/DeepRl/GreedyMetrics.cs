using System.Text.Json;
using Goodhart.Core.Runs;
using Goodhart.Reports.DeepRl;

namespace Goodhart.Experiments.DeepRl;

/// <summary>
/// The stored periodic greedy evaluations of deep runs (<c>deep/greedy_*</c>, <see cref="Learning.DeepRl.PeriodicEvaluation"/>)
/// read back for reports: one run's points (<c>goodhart report RUN</c>) or a group of runs' mean ± SE over seeds
/// (the recipe reports).
/// </summary>
public static class GreedyMetrics
{
    /// <summary>The stored metric of the greedy evaluations' mean visible return.</summary>
    public const string ReturnMetric = "deep/greedy_return";

    /// <summary>The stored metric of the greedy evaluations' mean hidden performance.</summary>
    public const string PerformanceMetric = "deep/greedy_performance";

    /// <summary>The greedy evaluations <paramref name="run"/> stored, or null when it stored none (tabular, or evaluation off).</summary>
    public static GreedyEvaluations? Read(RunStore store, RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(run);
        var returns = store.GetMetrics(run.Id, ReturnMetric);
        if (returns.Count == 0)
            return null;
        return new GreedyEvaluations(returns, store.GetMetrics(run.Id, PerformanceMetric), EpisodesOf(run.ConfigJson));
    }

    /// <summary>
    /// The greedy return (solid) and performance (dashed) curves of <paramref name="runIds"/> in colour
    /// <paramref name="colour"/>: at each evaluated step the mean over the runs that have it, with its standard error;
    /// null when none of the runs stored greedy evaluations. <c>Runs</c>: how many did.
    /// </summary>
    public static (SeedCurve Return, SeedCurve Performance, int Runs)? Curves(RunStore store, IEnumerable<string> runIds, string label, int colour)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(runIds);
        var ids = runIds.ToList();
        var returns = ids.Select(id => Series(store, id, ReturnMetric)).Where(s => s.Count > 0).ToList();
        if (returns.Count == 0)
            return null;
        var performances = ids.Select(id => Series(store, id, PerformanceMetric)).Where(s => s.Count > 0).ToList();
        var xs = returns.Concat(performances).SelectMany(s => s.Keys).Distinct().Order().ToArray();
        return (new SeedCurve($"{label} return", [.. xs.Select(x => (double)x)], [.. xs.Select(x => At(returns, x))], colour, Dashed: false),
            new SeedCurve($"{label} performance", [.. xs.Select(x => (double)x)], [.. xs.Select(x => At(performances, x))], colour, Dashed: true),
            returns.Count);
    }

    private static Dictionary<long, double> Series(RunStore store, string runId, string metric)
    {
        var series = new Dictionary<long, double>();
        foreach (var m in store.GetMetrics(runId, metric).Where(m => double.IsFinite(m.Value)))
            series[m.Step] = m.Value;
        return series;
    }

    private static SampleStats? At(IEnumerable<Dictionary<long, double>> runs, long step) =>
        SampleStats.Of(runs.Select(r => r.TryGetValue(step, out var v) ? v : double.NaN).Where(double.IsFinite));

    /// <summary>The config's <c>periodic_evaluation_episodes</c>, when it records them (runs stored before it did: null).</summary>
    private static int? EpisodesOf(string configJson)
    {
        try
        {
            using var config = JsonDocument.Parse(configJson);
            return config.RootElement.ValueKind == JsonValueKind.Object
                && config.RootElement.TryGetProperty("periodic_evaluation_episodes", out var e)
                && e.TryGetInt32(out var n) ? n : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
