using System.Globalization;
using System.Net;
using System.Text;
using Goodhart.Evals.Harness;

namespace Goodhart.Evals.Logs;

/// <summary>
/// A single-file HTML report of a run (no scripts, no CDN): per scorer its metrics with confidence intervals and its
/// scored / unscored / errored counts with the unscored reasons, then a table of sample-epochs (the first
/// <see cref="MaxRows"/>, so a big run stays light; the JSONL log has them all).
/// </summary>
public static class EvalHtmlReport
{
    /// <summary>Rows shown in the sample table.</summary>
    public const int MaxRows = 2000;

    private const int Clip = 400;

    /// <summary>Writes the report of <paramref name="result"/> to <paramref name="path"/>; <paramref name="logPath"/> is linked when given.</summary>
    public static void Write(EvalRunResult result, string path, string? logPath = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
            Directory.CreateDirectory(dir);
        File.WriteAllText(path, Render(result, logPath), new UTF8Encoding(false));
    }

    /// <summary>The report's HTML.</summary>
    public static string Render(EvalRunResult result, string? logPath = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E($"eval {result.Task} / {result.Model}")).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
            .Append("td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}th{background:#f4f4f4}")
            .Append(".num{text-align:right;font-variant-numeric:tabular-nums}.bad{color:#b00020;font-weight:bold}.ok{color:#1b5e20}")
            .Append(".warn{background:#fff3cd}.text{max-width:36em;white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:90%}")
            .Append("</style></head><body>\n");
        h.Append("<h1>").Append(E(result.Task)).Append(" on ").Append(E(result.Model)).Append("</h1>\n<p>")
            .Append(result.Samples.Select(s => s.SampleIndex).Distinct().Count()).Append(" samples x ").Append(result.Epochs)
            .Append(" epoch(s), reducer ").Append(E(result.Reducer)).Append(", started ").Append(E(EvalLogJson.Time(result.StartedUtc)))
            .Append(", ").Append(F(result.Duration.TotalSeconds, "0.0")).Append(" s.");
        if (logPath is not null)
            h.Append(" Log: <code>").Append(E(logPath)).Append("</code>.");
        h.Append("</p>\n");
        if (result.Errored > 0)
            h.Append("<p class=\"bad\">").Append(result.Errored).Append(" sample-epoch(s) errored (solver chain or model call failed): not scored, not in any metric.</p>\n");
        AppendScorers(h, result);
        AppendSamples(h, result);
        h.Append("</body></html>\n");
        return h.ToString();
    }

    private static void AppendScorers(StringBuilder h, EvalRunResult result)
    {
        h.Append("<h2>Scorers</h2>\n<table><tr><th>scorer</th><th>metric</th><th>value</th><th>95% CI</th><th>scored</th><th>unscored</th><th>errored</th></tr>\n");
        foreach (var s in result.Scorers)
        {
            var rows = s.Metrics.Count == 0 ? [new MetricValue("(none: nothing scored)", double.NaN)] : s.Metrics;
            for (var i = 0; i < rows.Count; i++)
            {
                var m = rows[i];
                h.Append("<tr>");
                if (i == 0)
                    h.Append("<td rowspan=\"").Append(rows.Count).Append("\">").Append(E(s.Scorer)).Append("</td>");
                h.Append("<td>").Append(E(m.Name)).Append("</td><td class=\"num\">").Append(F(m.Value, "0.000")).Append("</td><td class=\"num\">")
                    .Append(m.Lower is { } lo && m.Upper is { } up ? $"[{F(lo, "0.000")}, {F(up, "0.000")}]" : string.Empty).Append("</td>");
                if (i == 0)
                {
                    h.Append("<td class=\"num\" rowspan=\"").Append(rows.Count).Append("\">").Append(s.Scored).Append("</td>")
                        .Append("<td class=\"num").Append(s.Unscored > 0 ? " bad" : string.Empty).Append("\" rowspan=\"").Append(rows.Count).Append("\">").Append(s.Unscored).Append("</td>")
                        .Append("<td class=\"num").Append(s.Errored > 0 ? " bad" : string.Empty).Append("\" rowspan=\"").Append(rows.Count).Append("\">").Append(s.Errored).Append("</td>");
                }
                h.Append("</tr>\n");
            }
        }
        h.Append("</table>\n");
        foreach (var s in result.Scorers.Where(s => s.UnscoredReasons.Count > 0))
        {
            h.Append("<p class=\"warn\">Unscored by <b>").Append(E(s.Scorer)).Append("</b>:</p><ul>");
            foreach (var (reason, count) in s.UnscoredReasons.Take(20))
                h.Append("<li>").Append(count).Append(" &times; ").Append(E(reason)).Append("</li>");
            h.Append("</ul>\n");
        }
    }

    private static void AppendSamples(StringBuilder h, EvalRunResult result)
    {
        h.Append("<h2>Samples</h2>\n");
        if (result.Samples.Count > MaxRows)
            h.Append("<p>First ").Append(MaxRows).Append(" of ").Append(result.Samples.Count).Append(" sample-epochs; the JSONL log has all.</p>\n");
        h.Append("<table><tr><th>id</th><th>epoch</th><th>input</th><th>target</th><th>outputs</th>");
        foreach (var s in result.Scorers)
            h.Append("<th>").Append(E(s.Scorer)).Append("</th>");
        h.Append("<th>time (s)</th></tr>\n");
        foreach (var r in result.Samples.Take(MaxRows))
        {
            h.Append("<tr><td>").Append(E(r.Sample.Id)).Append("</td><td class=\"num\">").Append(r.Epoch).Append("</td><td class=\"text\">")
                .Append(E(Shorten(string.Join("\n", r.Sample.Input.Select(m => m.Text))))).Append("</td><td class=\"text\">")
                .Append(E(string.Join(" | ", r.Sample.Target))).Append("</td><td class=\"text\">");
            if (r.Error is not null)
                h.Append("<span class=\"bad\">error: ").Append(E(r.Error)).Append("</span>");
            else
                h.Append(string.Join("<hr>", r.Outputs.Select(o => E(Shorten(o)))));
            h.Append("</td>");
            foreach (var s in result.Scorers)
            {
                h.Append("<td>");
                if (r.Scores.TryGetValue(s.Scorer, out var score))
                {
                    if (score.Value is { } v)
                        h.Append("<span class=\"").Append(v >= 0.5 ? "ok" : "bad").Append("\" title=\"").Append(E(score.Explanation ?? string.Empty)).Append("\">").Append(F(v, "0.###")).Append("</span>");
                    else
                        h.Append("<span class=\"bad\">unscored</span><br><small>").Append(E(Shorten(score.Error ?? string.Empty))).Append("</small>");
                }
                h.Append("</td>");
            }
            h.Append("<td class=\"num\">").Append(F((r.SolveTime + r.ScoreTime).TotalSeconds, "0.00")).Append("</td></tr>\n");
        }
        h.Append("</table>\n");
    }

    private static string Shorten(string text) => text.Length <= Clip ? text : text[..Clip] + " ...";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string F(double value, string format) =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "&ndash;";
}
