using System.Net;
using System.Text;
using Goodhart.Core.Runs;
using Goodhart.Reports.ValueLearning;
using N = Goodhart.Experiments.ValueLearning.ImpactValueNames;

namespace Goodhart.Experiments.ValueLearning;

/// <summary>The <c>impact-measures</c> report: the paper's table (baseline x deviation x env, a verdict per beta) and performance against beta per env.</summary>
internal static class ImpactReport
{
    public static IReadOnlyList<ReportSection> Write(ReportContext context, IReadOnlyList<CellOutcome> cells)
    {
        var configs = cells.Select(c => (Cell: c, Config: (ImpactMeasuresConfig)c.Config)).ToList();
        var envs = configs.Select(c => c.Config.Env).Distinct(StringComparer.Ordinal).ToList();
        var methods = configs.Select(c => (c.Config.Baseline, c.Config.Deviation)).Distinct().OrderBy(m => m.Baseline).ThenBy(m => ImpactMeasuresKind.Deviations.ToList().IndexOf(m.Deviation)).ToList();
        var html = new StringBuilder();
        html.AppendLine("<p>Each entry: for each penalty strength beta, what the planned episode did on the true env (the verdict of the first seed; ")
            .AppendLine("the seed changes only attainable utility's random reward functions). <b>avoids</b>: the task done without a side effect, ")
            .AppendLine("interference or offsetting.</p>");
        html.Append("<table><tr><th>baseline</th><th>deviation</th>");
        foreach (var env in envs)
            html.Append("<th>").Append(WebUtility.HtmlEncode(env)).Append("</th>");
        html.AppendLine("</tr>");
        foreach (var (baseline, deviation) in methods)
        {
            html.Append("<tr><td>").Append(ImpactMeasuresKind.ToName(baseline)).Append("</td><td>").Append(deviation).Append("</td>");
            foreach (var env in envs)
            {
                var cell = configs.Where(c => c.Config.Env == env && c.Config.Baseline == baseline && c.Config.Deviation == deviation).OrderBy(c => c.Cell.Seed).FirstOrDefault();
                html.Append("<td>");
                if (cell.Cell is { } found)
                {
                    html.Append(string.Join("<br>", cell.Config.Betas.Select(b =>
                        $"{OffSwitchValueNames.Number(b)}: {ImpactVerdict.Of(env, name => found.Result.Values.TryGetValue(N.Beta(b) + name, out var v) ? v : double.NaN)}")));
                }
                html.Append("</td>");
            }
            html.AppendLine("</tr>");
        }
        html.AppendLine("</table>");

        for (var e = 0; e < envs.Count; e++)
        {
            var env = envs[e];
            var series = new List<CurveSeries>();
            foreach (var (baseline, deviation) in methods)
            {
                var group = configs.Where(c => c.Config.Env == env && c.Config.Baseline == baseline && c.Config.Deviation == deviation).ToList();
                if (group.Count == 0)
                    continue;
                var betas = group[0].Config.Betas;
                var stats = betas.Select(b => SampleStats.Of([.. group.Select(c => c.Cell.Result.Values.TryGetValue(N.Beta(b) + N.Performance, out var v) ? v : double.NaN).Where(double.IsFinite)])).ToList();
                // beta is drawn on a log axis; beta = 0 is placed one decade below the smallest positive beta.
                var smallest = betas.Where(b => b > 0).DefaultIfEmpty(1).Min();
                series.Add(new CurveSeries($"{ImpactMeasuresKind.ToName(baseline)} / {deviation}", [.. betas.Select(b => b > 0 ? b : smallest / 10)],
                    [.. stats.Select(s => s?.Mean ?? double.NaN)], [.. stats.Select(s => s?.Se)]));
            }
            var file = $"impact-{e}.png";
            File.WriteAllBytes(Path.Combine(context.Directory, file), CurvesPlot.RenderPng(
                $"{env}: hidden performance of the penalised agent (mean \u00b1 SE over seeds)", "penalty strength beta (0 drawn a decade below the smallest)",
                "hidden performance", series, logX: true));
            html.AppendLine($"<figure><img src=\"{file}\" alt=\"{WebUtility.HtmlEncode(env)}\"></figure>");
        }
        return [new ReportSection("Impact measures: which combinations avoid side effects, interference and offsetting", html.ToString())];
    }
}
