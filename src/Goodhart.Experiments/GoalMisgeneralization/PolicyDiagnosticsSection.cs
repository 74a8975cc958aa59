using System.Globalization;
using System.Net;
using System.Text;
using Goodhart.Core.Runs;
using Goodhart.Reports.DeepRl;

namespace Goodhart.Experiments.GoalMisgeneralization;

/// <summary>
/// A deep learner's update diagnostics in the goal-misgeneralization report: does the policy narrow? One PNG of the
/// policy's entropy against env steps (one line per decorrelation share, mean ± SE over seeds) and a table of the
/// entropy early and late and of approx_kl, clipfrac and explained variance late in training. Early and late: the
/// mean over a run's first and last tenth of updates; then mean ± SE over seeds. Absent for learners that stored
/// none (tabular, the random walk).
/// </summary>
internal static class PolicyDiagnosticsSection
{
    /// <summary>The stored diagnostics the table shows, with their column labels.</summary>
    private static readonly (string Metric, string Label)[] Late =
    [
        ("deep/entropy", "entropy, last tenth"),
        ("deep/approx_kl", "approx_kl, last tenth"),
        ("deep/clipfrac", "clipfrac, last tenth"),
        ("deep/explained_variance", "explained variance, last tenth"),
    ];

    private const string Entropy = "deep/entropy";

    public static ReportSection? Write(ReportContext context, string family, string agent, IReadOnlyList<IGrouping<double, CellOutcome>> byShare)
    {
        var runs = byShare.Select(g => (Share: g.Key, Runs: g.SelectMany(c => c.Result.RunIds).ToList())).ToList();
        var entropy = runs.Select(r => (r.Share, Series: r.Runs.Select(id => context.Store.GetMetrics(id, Entropy)).Where(s => s.Count > 0).ToList())).ToList();
        if (entropy.All(e => e.Series.Count == 0))
            return null;

        var curves = new List<SeedCurve>();
        foreach (var (share, series) in entropy.Where(e => e.Series.Count > 0))
        {
            var steps = series.SelectMany(s => s.Select(p => p.Step)).Distinct().Order().ToArray();
            var byStep = series.Select(s => s.GroupBy(p => p.Step).ToDictionary(g => g.Key, g => g.Last().Value)).ToList();
            curves.Add(new SeedCurve(string.Create(CultureInfo.InvariantCulture, $"{share * 100:0.##}% decorrelated"), [.. steps.Select(x => (double)x)],
                [.. steps.Select(x => SampleStats.Of(byStep.Select(d => d.TryGetValue(x, out var v) ? v : double.NaN).Where(double.IsFinite)))],
                curves.Count, Dashed: false));
        }

        var file = $"goal-misgeneralization-{family}-{agent}-entropy.png";
        var title = $"{family}, {agent}: policy entropy during training";
        SeedCurvesPlot.SavePng(Path.Combine(context.Directory, file), title, "env steps", "entropy per update (mean ± SE over seeds)", curves, []);

        var html = new StringBuilder();
        html.Append("<p>Whether the policy narrows: the entropy of its action distribution at each update (a uniform policy over four actions has ln 4 = 1.39), ")
            .Append("and PPO's approx_kl, clipfrac and explained variance, each a run's mean over its first or last tenth of updates, then mean ± one standard error over seeds.</p>")
            .AppendLine(CultureInfo.InvariantCulture, $"<figure><img src=\"{WebUtility.HtmlEncode(file)}\" alt=\"{WebUtility.HtmlEncode(title)}\"></figure>")
            .Append("<table><tr><th>decorrelated training share</th><th>seeds</th><th>entropy, first tenth</th>");
        foreach (var (_, label) in Late)
            html.Append(CultureInfo.InvariantCulture, $"<th>{WebUtility.HtmlEncode(label)}</th>");
        html.AppendLine("</tr>");
        foreach (var (share, ids) in runs)
        {
            var seeds = ids.Count(id => context.Store.GetMetrics(id, Entropy).Count > 0);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{share * 100:0.##}%</td><td>{seeds}</td><td>{Format(Tenth(context.Store, ids, Entropy, first: true))}</td>");
            foreach (var (metric, _) in Late)
                html.Append(CultureInfo.InvariantCulture, $"<td>{Format(Tenth(context.Store, ids, metric, first: false))}</td>");
            html.AppendLine("</tr>");
        }
        html.AppendLine("</table>");
        return new ReportSection(WebUtility.HtmlEncode($"{family}: {agent}, policy diagnostics"), html.ToString());
    }

    /// <summary>Mean ± SE over runs of each run's mean over its first (or last) tenth of updates (at least one).</summary>
    public static SampleStats? Tenth(RunStore store, IEnumerable<string> runIds, string metric, bool first) =>
        SampleStats.Of(runIds.Select(id => store.GetMetrics(id, metric).Where(p => double.IsFinite(p.Value)).ToList())
            .Where(points => points.Count > 0)
            .Select(points =>
            {
                var n = Math.Max(1, points.Count / 10);
                return (first ? points.Take(n) : points.TakeLast(n)).Average(p => p.Value);
            }));

    private static string Format(SampleStats? s) => s is null ? "–"
        : s.Se is { } se ? string.Create(CultureInfo.InvariantCulture, $"{s.Mean:0.000} ± {se:0.000}")
        : s.Mean.ToString("0.000", CultureInfo.InvariantCulture);
}
