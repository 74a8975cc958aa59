using System.Net;
using System.Text;
using Goodhart.Core.Runs;
using Goodhart.Core.ValueLearning;
using Goodhart.Reports.ValueLearning;
using N = Goodhart.Experiments.ValueLearning.OffSwitchValueNames;

namespace Goodhart.Experiments.ValueLearning;

/// <summary>The <c>off-switch</c> report: the exact incentive surface, the simulated incentive over seeds, and the assistant's incentive to ask.</summary>
internal static class OffSwitchReport
{
    public static IReadOnlyList<ReportSection> Write(ReportContext context, IReadOnlyList<CellOutcome> cells)
    {
        var sections = new List<ReportSection>();
        var groups = cells.GroupBy(c => string.Join(",", c.GridPoint.Select(kv => $"{kv.Key}={kv.Value}")), StringComparer.Ordinal).ToList();
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g].ToList();
            var config = (OffSwitchConfig)group[0].Config;
            var html = new StringBuilder();
            var surface = $"offswitch-surface-{g}.png";
            File.WriteAllBytes(Path.Combine(context.Directory, surface), HeatmapPlot.RenderPng(Surface(config)));
            html.Append("<p>The robot's incentive to defer, E[U P(allow | U)] - max(E[U], 0), exact, for its belief N(")
                .Append(N.Number(config.Mu)).Append(", sigma^2) against the human's Boltzmann temperature beta (0: rational). ")
                .AppendLine("White marks mark where it changes sign: below them the robot prefers to leave the switch to the human.</p>");
            html.AppendLine($"<figure><img src=\"{surface}\" alt=\"incentive surface\"></figure>");

            var simulated = $"offswitch-simulated-{g}.png";
            var series = config.Betas.Select(beta => Series($"beta {N.Number(beta)}, simulated", config.Sigmas,
                sigma => N.Point(sigma, beta) + N.IncentiveSimulated, group)).ToList();
            File.WriteAllBytes(Path.Combine(context.Directory, simulated), CurvesPlot.RenderPng(
                $"Incentive to defer by simulation (mean \u00b1 SE over {group.Count} seeds, {config.Games:N0} games each)",
                "robot's uncertainty sigma", "defer - max(act, off)", series));
            html.AppendLine($"<figure><img src=\"{simulated}\" alt=\"simulated incentive\"></figure>");

            var a = config.Assistant;
            var assistant = $"assistant-{g}.png";
            var askSeries = a.AskCosts.Select(c => Series($"question cost {N.Number(c)}", a.Priors,
                p => N.Assistant(p, c) + N.IncentiveExact, group)).ToList();
            File.WriteAllBytes(Path.Combine(context.Directory, assistant), CurvesPlot.RenderPng(
                "Gridworld assistant: incentive to ask before acting (exact)", "prior P(person wants goal 1)", "ask - max(act, stay)", askSeries));
            html.Append("<p>The assistant on the map below does not know which goal the person wants; asking is its way of deferring. ")
                .AppendLine("It pays when the assistant is unsure (prior near 1/2) and the question is cheap.</p>");
            html.Append("<pre>").Append(WebUtility.HtmlEncode(string.Join("\n", a.Map))).AppendLine("</pre>");
            html.AppendLine($"<figure><img src=\"{assistant}\" alt=\"assistant incentive to ask\"></figure>");
            var title = groups.Count == 1 ? "The off-switch game" : $"The off-switch game ({groups[g].Key})";
            sections.Add(new ReportSection(title, html.ToString()));
        }
        return sections;
    }

    private static HeatmapData Surface(OffSwitchConfig config)
    {
        var n = config.SurfacePoints;
        var sigmas = Enumerable.Range(0, n).Select(i => config.SurfaceMaxSigma * i / (n - 1)).ToArray();
        var betas = Enumerable.Range(0, n).Select(i => config.SurfaceMaxBeta * i / (n - 1)).ToArray();
        var values = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                values[i, j] = OffSwitchGame.Values(config.Mu, sigmas[j], betas[i]).Incentive;
        return new HeatmapData($"Incentive to defer, belief mean {N.Number(config.Mu)} (exact)", "robot's uncertainty sigma",
            "human's noise beta (0 = rational)", "defer - max(act, off)", sigmas, betas, values);
    }

    private static CurveSeries Series(string label, IReadOnlyList<double> xs, Func<double, string> name, IReadOnlyList<CellOutcome> cells)
    {
        var stats = xs.Select(x => SampleStats.Of([.. cells.Select(c => c.Result.Values.TryGetValue(name(x), out var v) ? v : double.NaN).Where(double.IsFinite)])).ToList();
        return new CurveSeries(label, xs, [.. stats.Select(s => s?.Mean ?? double.NaN)], [.. stats.Select(s => s?.Se)]);
    }
}
