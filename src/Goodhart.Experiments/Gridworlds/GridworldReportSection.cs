using System.Net;
using System.Text;
using Goodhart.Core.Runs;
using Goodhart.Reports;

namespace Goodhart.Experiments.Gridworlds;

/// <summary>The gridworld plots for a recipe's report: the run report (Goodhart curve and safety events per run, final objectives across runs) in <c>runs/</c>, linked and embedded.</summary>
internal static class GridworldReportSection
{
    /// <summary>Most runs whose plots are drawn (the rest are in the results table and the store).</summary>
    public const int MaxRuns = 60;

    /// <summary>Most plots embedded in the recipe's page (the run report has them all).</summary>
    private const int MaxEmbedded = 4;

    public static IReadOnlyList<ReportSection> Write(ReportContext context, IReadOnlyList<CellOutcome> cells)
    {
        var inputs = new List<RunReportInput>();
        foreach (var cell in cells)
        {
            foreach (var id in cell.Result.RunIds)
            {
                if (inputs.Count == MaxRuns)
                    break;
                var run = context.Store.GetRun(id);
                if (run.Kind == RunKind.OracleName)
                    continue;
                var oracle = context.Store.GetMetrics(run.Id, MetricNames.OraclePerformance).Select(m => (double?)m.Value).LastOrDefault();
                var label = cell.GridPoint.Count == 0 ? $"seed {cell.Seed}" : $"{string.Join(", ", cell.GridPoint.Values)}, seed {cell.Seed}";
                inputs.Add(new RunReportInput(run, context.Store.GetEpisodes(run.Id), oracle is { } o && double.IsFinite(o) ? o : null, label, DeepRl.GreedyMetrics.Read(context.Store, run)));
            }
        }
        if (inputs.Count == 0)
            return [];
        var files = RunReport.Write(inputs, Path.Combine(context.Directory, "runs"), new RunReportOptions(context.Title));
        var html = new StringBuilder();
        html.Append("<p>Visible return (what the learner optimises) and hidden performance (what we want) over training, per run; ")
            .Append("<a href=\"runs/index.html\">the full run report</a> has every plot and summary")
            .Append(inputs.Count < cells.Count ? $" (the first {inputs.Count} runs)" : "").AppendLine(".</p>");
        foreach (var file in files.Skip(1).Take(MaxEmbedded))
        {
            var name = WebUtility.HtmlEncode(Path.GetFileName(file));
            html.AppendLine($"<figure><img src=\"runs/{name}\" alt=\"{name}\"></figure>");
        }
        return [new ReportSection("Runs", html.ToString())];
    }
}
