using System.Globalization;
using System.Net;
using System.Text;
using Goodhart.Core.Runs;
using Goodhart.Reports.GoalMisgeneralization;

namespace Goodhart.Experiments.GoalMisgeneralization;

/// <summary>
/// The goal-misgeneralization report: per level family and learner, test capability, intended-goal and proxy shares
/// against the decorrelation share (mean ± SE over seeds, n seeds), as a figure and a table; for a deep learner also its
/// update diagnostics (<see cref="PolicyDiagnosticsSection"/>).
/// </summary>
internal static class GoalMisgeneralizationReport
{
    public static IReadOnlyList<ReportSection> Write(ReportContext context, IReadOnlyList<CellOutcome> cells)
    {
        var sections = new List<ReportSection>();
        var groups = cells.Where(c => c.Config is GoalMisgeneralizationConfig)
            .GroupBy(c => (((GoalMisgeneralizationConfig)c.Config).Family, Agent: Label((GoalMisgeneralizationConfig)c.Config)))
            .OrderBy(g => g.Key.Family, StringComparer.Ordinal).ThenBy(g => g.Key.Agent, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var byShare = group.GroupBy(c => ((GoalMisgeneralizationConfig)c.Config).DecorrelationShare).OrderBy(g => g.Key).ToList();
            var shares = byShare.Select(g => g.Key).ToList();
            SampleStats? Stats(IEnumerable<CellOutcome> share, string name) =>
                SampleStats.Of(share.Select(c => c.Result.Values.GetValueOrDefault(name, double.NaN)).Where(double.IsFinite));
            var series = GoalMisgeneralizationValues.TestMeasures
                .Select(m => new ShareSweepSeries(m.Label, [.. byShare.Select(g => Stats(g, m.Name))])).ToList();
            var file = $"goal-misgeneralization-{group.Key.Family}-{group.Key.Agent}.png";
            var title = $"{group.Key.Family}, {group.Key.Agent}: behaviour on test levels";
            ShareSweepPlot.SavePng(title, shares, series, Path.Combine(context.Directory, file));

            var html = new StringBuilder();
            html.Append("<p>Each point: the share of test episodes (fresh levels from the shifted distribution, never seen in training) ")
                .Append("that reached some target (capability), the intended goal, or the proxy target; mean ± one standard error over seeds.</p>")
                .AppendLine(CultureInfo.InvariantCulture, $"<figure><img src=\"{WebUtility.HtmlEncode(file)}\" alt=\"{WebUtility.HtmlEncode(title)}\"></figure>")
                .AppendLine("<table><tr><th>decorrelated training share</th><th>seeds</th><th>test capability</th><th>test goal</th><th>test proxy</th><th>goal on training-distribution levels</th></tr>");
            foreach (var share in byShare)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{share.Key * 100:0.##}%</td><td>{share.Count()}</td>");
                foreach (var name in new[] { GoalMisgeneralizationValues.TestCapability, GoalMisgeneralizationValues.TestGoal, GoalMisgeneralizationValues.TestProxy, GoalMisgeneralizationValues.TrainGoal })
                    html.Append(CultureInfo.InvariantCulture, $"<td>{Format(Stats(share, name))}</td>");
                html.AppendLine("</tr>");
            }
            html.AppendLine("</table>");
            sections.Add(new ReportSection(WebUtility.HtmlEncode($"{group.Key.Family}: {group.Key.Agent}"), html.ToString()));
            if (PolicyDiagnosticsSection.Write(context, group.Key.Family, group.Key.Agent, byShare) is { } diagnostics)
                sections.Add(diagnostics);
        }
        return sections;
    }

    /// <summary>The learner as the report names it: the agent, with the observation when it is not the board (<c>ppo-egocentric</c>).</summary>
    private static string Label(GoalMisgeneralizationConfig c) => c.Observation == "board" ? c.Agent : $"{c.Agent}-{c.Observation}";

    private static string Format(SampleStats? s) => s is null ? "–"
        : s.Se is { } se ? string.Create(CultureInfo.InvariantCulture, $"{s.Mean:0.00} ± {se:0.00}")
        : s.Mean.ToString("0.00", CultureInfo.InvariantCulture);
}
