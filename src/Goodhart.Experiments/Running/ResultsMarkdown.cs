using System.Globalization;
using System.Text;

namespace Goodhart.Experiments.Running;

/// <summary>The results table as markdown (<c>results.md</c>): the command, the stamp, then one row per grid point and value.</summary>
public static class ResultsMarkdown
{
    /// <summary>The markdown text.</summary>
    public static string Build(string title, RunStamp stamp, IReadOnlyList<ResultRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"# {title}").AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"From `{stamp.Command}`: {ResultsFormat.StampLine(stamp)}.").AppendLine();
        sb.AppendLine("Mean ± standard error over the seeds (n = seeds with a value).").AppendLine();
        var axes = rows.SelectMany(r => r.GridPoint.Keys).Distinct(StringComparer.Ordinal).ToList();
        sb.AppendLine("| " + string.Join(" | ", axes.Append("value").Append("mean ± s.e.").Append("n")) + " |");
        sb.AppendLine("|" + string.Concat(Enumerable.Repeat("---|", axes.Count + 2)) + "---:|");
        foreach (var row in rows)
        {
            var cells = axes.Select(a => row.GridPoint.TryGetValue(a, out var v) ? v : "").Append(row.Value).Append(ResultsFormat.MeanSe(row)).Append(row.N.ToString(CultureInfo.InvariantCulture));
            sb.AppendLine("| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
        }
        return sb.ToString();
    }
}
