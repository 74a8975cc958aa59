using System.Globalization;
using System.Net;
using System.Text;

namespace Goodhart.Experiments.Running;

/// <summary>The run's report page (<c>index.html</c>): title, stamp, the kind's sections, then the results table. Self-contained: inline CSS, no scripts.</summary>
public static class RecipeReportHtml
{
    private const string Css = """
        body { margin: 0; color: #1f2328; font: 16px/1.55 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; }
        main { max-width: 1040px; margin: 0 auto; padding: 32px 24px 64px; }
        h2 { margin-top: 40px; border-top: 2px solid #d1d9e0; padding-top: 12px; }
        table { border-collapse: collapse; margin: 8px 0 16px; font-variant-numeric: tabular-nums; }
        th, td { border: 1px solid #d1d9e0; padding: 4px 10px; text-align: left; vertical-align: top; }
        td.num { text-align: right; white-space: nowrap; }
        thead th { background: #f6f8fa; }
        .stamp { color: #59636e; }
        figure img { max-width: 100%; height: auto; border: 1px solid #d1d9e0; }
        code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
        """;

    /// <summary>The HTML text.</summary>
    public static string Build(string title, string description, RunStamp stamp, IReadOnlyList<ReportSection> sections, IReadOnlyList<ResultRow> rows)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        sb.AppendLine("<!DOCTYPE html>").AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        sb.AppendLine(CultureInfo.InvariantCulture, $"<title>{E(title)}</title><style>{Css}</style></head><body><main>");
        sb.AppendLine(CultureInfo.InvariantCulture, $"<h1>{E(title)}</h1>");
        if (description.Length > 0)
            sb.AppendLine(CultureInfo.InvariantCulture, $"<p>{E(description)}</p>");
        sb.AppendLine(CultureInfo.InvariantCulture, $"<p class=\"stamp\">From <code>{E(stamp.Command)}</code>: {E(ResultsFormat.StampLine(stamp))}.</p>");
        foreach (var section in sections)
            sb.AppendLine(CultureInfo.InvariantCulture, $"<h2>{E(section.Title)}</h2>").AppendLine(section.Html);
        sb.AppendLine("<h2>Results</h2><p>Mean ± standard error over the seeds (n = seeds with a value).</p>");
        var axes = rows.SelectMany(r => r.GridPoint.Keys).Distinct(StringComparer.Ordinal).ToList();
        sb.Append("<table><thead><tr>");
        foreach (var h in axes.Append("value"))
            sb.Append(CultureInfo.InvariantCulture, $"<th>{E(h)}</th>");
        sb.AppendLine("<th>mean ± s.e.</th><th>n</th></tr></thead><tbody>");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            foreach (var a in axes)
                sb.Append(CultureInfo.InvariantCulture, $"<td>{E(row.GridPoint.TryGetValue(a, out var v) ? v : "")}</td>");
            sb.AppendLine(CultureInfo.InvariantCulture, $"<td>{E(row.Value)}</td><td class=\"num\">{E(ResultsFormat.MeanSe(row))}</td><td class=\"num\">{row.N}</td></tr>");
        }
        sb.AppendLine("</tbody></table></main></body></html>");
        return sb.ToString();
    }
}
