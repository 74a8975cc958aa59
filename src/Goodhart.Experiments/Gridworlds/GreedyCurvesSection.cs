using System.Globalization;
using System.Net;
using Goodhart.Core.Runs;
using Goodhart.Reports.DeepRl;

namespace Goodhart.Experiments.Gridworlds;

/// <summary>
/// The deep runs' periodic greedy evaluations in a <c>gridworld-train</c> report: one PNG (<see cref="FileName"/>) of
/// the greedy visible return (solid) and greedy hidden performance (dashed) against env steps, one colour per grid
/// point, mean over its seeds with a band of one standard error where there are several; beside the training curves
/// of the run report. Absent when no run stored <c>deep/greedy_return</c> (tabular learners, <c>eval_every_steps: 0</c>).
/// </summary>
internal static class GreedyCurvesSection
{
    /// <summary>The plot written in the report's folder.</summary>
    public const string FileName = "greedy-curves.png";

    /// <summary>The stored metric of the greedy evaluations' mean visible return.</summary>
    public const string ReturnMetric = "deep/greedy_return";

    /// <summary>The stored metric of the greedy evaluations' mean hidden performance.</summary>
    public const string PerformanceMetric = "deep/greedy_performance";

    /// <summary>Most grid points drawn (one colour each; the palette has ten).</summary>
    public const int MaxGroups = 10;

    public static IReadOnlyList<ReportSection> Write(ReportContext context, IReadOnlyList<CellOutcome> cells)
    {
        var curves = new List<SeedCurve>();
        var seeds = new List<string>();
        var groups = cells.GroupBy(c => string.Join(", ", c.GridPoint.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")), StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var runs = group.SelectMany(c => c.Result.RunIds).Select(context.Store.GetRun).Where(r => r.Kind != RunKind.OracleName).ToList();
            var returns = runs.Select(r => Series(context.Store, r.Id, ReturnMetric)).Where(s => s.Count > 0).ToList();
            if (returns.Count == 0)
                continue;
            if (curves.Count / 2 == MaxGroups)
                break;
            var performances = runs.Select(r => Series(context.Store, r.Id, PerformanceMetric)).Where(s => s.Count > 0).ToList();
            var xs = returns.Concat(performances).SelectMany(s => s.Keys).Distinct().Order().ToArray();
            var label = group.Key.Length == 0 ? "greedy" : group.Key;
            var colour = curves.Count / 2;
            curves.Add(new SeedCurve($"{label} return", [.. xs.Select(x => (double)x)], [.. xs.Select(x => At(returns, x))], colour, Dashed: false));
            curves.Add(new SeedCurve($"{label} performance", [.. xs.Select(x => (double)x)], [.. xs.Select(x => At(performances, x))], colour, Dashed: true));
            seeds.Add(string.Create(CultureInfo.InvariantCulture, $"{label}: {returns.Count}"));
        }
        if (curves.Count == 0)
            return [];
        SeedCurvesPlot.SavePng(Path.Combine(context.Directory, FileName), "greedy evaluation during training", "env steps",
            "per greedy episode (mean ± SE over seeds)", curves, []);
        var html = $"<figure><img src=\"{FileName}\" alt=\"greedy evaluation during training\"><figcaption>"
            + "The greedy policy's visible return (solid) and hidden performance (dashed) at each periodic evaluation "
            + "(<code>eval_every_steps</code>, <code>--eval-every</code>), against env steps: the mean over seeds, with a band of "
            + $"one standard error where there are several (runs per line: {WebUtility.HtmlEncode(string.Join("; ", seeds))}). "
            + "The run report's curves above are the sampled training episodes.</figcaption></figure>\n";
        return [new ReportSection("Greedy evaluation during training", html)];
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
}
