using System.Globalization;
using System.Net;
using Goodhart.Core.Runs;
using Goodhart.Experiments.DeepRl;
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
    public const string ReturnMetric = GreedyMetrics.ReturnMetric;

    /// <summary>The stored metric of the greedy evaluations' mean hidden performance.</summary>
    public const string PerformanceMetric = GreedyMetrics.PerformanceMetric;

    /// <summary>Most grid points drawn (one colour each; the palette has ten).</summary>
    public const int MaxGroups = 10;

    public static IReadOnlyList<ReportSection> Write(ReportContext context, IReadOnlyList<CellOutcome> cells)
    {
        var curves = new List<SeedCurve>();
        var seeds = new List<string>();
        var groups = cells.GroupBy(c => string.Join(", ", c.GridPoint.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")), StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var runs = group.SelectMany(c => c.Result.RunIds).Select(context.Store.GetRun).Where(r => r.Kind != RunKind.OracleName).Select(r => r.Id);
            var label = group.Key.Length == 0 ? "greedy" : group.Key;
            if (GreedyMetrics.Curves(context.Store, runs, label, curves.Count / 2) is not { } pair)
                continue;
            if (curves.Count / 2 == MaxGroups)
                break;
            curves.Add(pair.Return);
            curves.Add(pair.Performance);
            seeds.Add(string.Create(CultureInfo.InvariantCulture, $"{label}: {pair.Runs}"));
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
}
