using System.Net;
using System.Text;
using Goodhart.Core.Runs;
using Goodhart.Reports.ValueLearning;

namespace Goodhart.Experiments.ValueLearning;

/// <summary>The <c>reward-from-preferences</c> report: hidden performance (and visible return) against queries, one line per grid point, per env.</summary>
internal static class PreferencesReport
{
    public static IReadOnlyList<ReportSection> Write(ReportContext context, IReadOnlyList<CellOutcome> cells)
    {
        var html = new StringBuilder();
        var envs = cells.Select(c => ((PreferencesConfig)c.Config).Env).Distinct(StringComparer.Ordinal).ToList();
        for (var e = 0; e < envs.Count; e++)
        {
            var envCells = cells.Where(c => ((PreferencesConfig)c.Config).Env == envs[e]).ToList();
            foreach (var measure in new[] { "performance", "return" })
            {
                var series = new List<CurveSeries>();
                foreach (var group in envCells.GroupBy(c => Label(c), StringComparer.Ordinal))
                {
                    var settings = ((PreferencesConfig)group.First().Config).Settings;
                    var queries = Enumerable.Range(0, settings.Rounds).Select(r => (double)(r * settings.QueriesPerRound)).ToList();
                    var stats = queries.Select(q => SampleStats.Of([.. group.Select(c => c.Result.Values.TryGetValue(PreferencesKind.Query((int)q) + measure, out var v) ? v : double.NaN).Where(double.IsFinite)])).ToList();
                    series.Add(new CurveSeries($"{group.Key} (n={group.Count()})", queries, [.. stats.Select(s => s?.Mean ?? double.NaN)], [.. stats.Select(s => s?.Se)]));
                }
                var file = $"preferences-{e}-{measure}.png";
                File.WriteAllBytes(Path.Combine(context.Directory, file), CurvesPlot.RenderPng(
                    $"{envs[e]}: greedy {(measure == "performance" ? "hidden performance" : "visible return")} of the agent vs queries (mean \u00b1 SE over seeds)",
                    "queries answered", measure == "performance" ? "hidden performance" : "visible return", series));
                html.AppendLine($"<figure><img src=\"{file}\" alt=\"{WebUtility.HtmlEncode(envs[e])} {measure}\"></figure>");
            }
        }
        return [new ReportSection("Reward learned from preferences", "<p>Each round a fresh learner trains on the reward learned so far; the overseer answers more queries between rounds.</p>" + html)];
    }

    private static string Label(CellOutcome c)
    {
        var points = c.GridPoint.Where(kv => kv.Key != "env").Select(kv => $"{kv.Key.Replace("settings.", "", StringComparison.Ordinal)}={kv.Value}").ToList();
        return points.Count == 0 ? "preferences" : string.Join(", ", points);
    }
}
