using System.Globalization;
using System.Net;
using System.Text;
using Goodhart.Core.Runs;

namespace Goodhart.Experiments.ValueLearning;

/// <summary>The <c>irl-vs-bc</c> report: per evaluated map and method, mean ± SE over seeds of performance, lava entries and goal rate, and the learned weights.</summary>
internal static class IrlVsBcReport
{
    public static IReadOnlyList<ReportSection> Write(IReadOnlyList<CellOutcome> cells)
    {
        if (cells.Count == 0)
            return [];
        var maps = ((IrlVsBcConfig)cells[0].Config).Evaluate;
        var html = new StringBuilder();
        html.AppendLine($"<p>n = {cells.Count} seeds (each: its own demonstrations and evaluation episodes); mean \u00b1 SE over seeds of each seed's episode mean.</p>");
        html.Append("<table><tr><th>map</th><th>method</th>");
        foreach (var measure in IrlVsBcKind.Measures)
            html.Append("<th>").Append(measure).Append("</th>");
        html.AppendLine("</tr>");
        foreach (var map in maps)
            foreach (var method in IrlVsBcKind.Methods)
            {
                html.Append("<tr><td>").Append(WebUtility.HtmlEncode(map)).Append("</td><td>").Append(method).Append("</td>");
                foreach (var measure in IrlVsBcKind.Measures)
                    html.Append("<td>").Append(Format(cells, IrlVsBcKind.Value(map, method, measure))).Append("</td>");
                html.AppendLine("</tr>");
            }
        html.AppendLine("</table><p>Learned weights (floor, goal, lava, other): ");
        html.AppendLine(string.Join(", ", new[] { "floor", "goal", "lava", "other" }.Select(f => $"{f} {Format(cells, "theta/" + f)}"))).AppendLine("</p>");
        return [new ReportSection("Learning from demonstrations: maximum-entropy IRL vs behavioural cloning on shifted maps", html.ToString())];
    }

    private static string Format(IReadOnlyList<CellOutcome> cells, string name)
    {
        var stats = SampleStats.Of([.. cells.Select(c => c.Result.Values.TryGetValue(name, out var v) ? v : double.NaN).Where(double.IsFinite)]);
        return stats is null ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{stats.Mean:0.##} \u00b1 {stats.Se ?? double.NaN:0.##}");
    }
}
