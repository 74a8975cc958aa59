using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Goodhart.Core.Runs;

/// <summary>
/// Writes runs for analysis elsewhere: CSV (one row per episode, the run's fields repeated, one column per safety
/// event that occurred in any exported episode, counts with 0 for none; metrics are not included) or JSON (runs with
/// config, summary, episodes and metrics). UTF-8 without BOM, invariant culture, round-trip number formatting.
/// </summary>
public static class RunExporter
{
    private static readonly string[] CsvColumns =
    [
        "run_id", "kind", "env", "agent", "seed", "status", "episode", "evaluation", "return", "hidden_return",
        "performance", "length", "terminated", "reason",
    ];

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(Stream output, IReadOnlyList<RunExport> runs, ExportFormat format)
    {
        switch (format)
        {
            case ExportFormat.Csv:
                WriteCsv(output, runs);
                break;
            case ExportFormat.Json:
                WriteJson(output, runs);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "unknown export format");
        }
    }

    public static void WriteCsv(Stream output, IReadOnlyList<RunExport> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var events = runs.SelectMany(r => r.Episodes).SelectMany(e => e.Events.Where(kv => kv.Value != 0).Select(kv => kv.Key))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(RunSummary.EventOrder).ThenBy(n => n, StringComparer.Ordinal)
            .ToList();
        using var w = new StreamWriter(output, Utf8, 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var header = CsvColumns.Concat(events.Select(n => CsvColumns.Contains(n) ? "event_" + n : n));
        w.WriteLine(string.Join(",", header.Select(Quote)));
        var line = new StringBuilder(256);
        foreach (var run in runs)
        {
            var r = run.Run;
            var prefix = string.Join(",", new[] { r.Id, r.Kind, r.Env, r.Agent, Invariant(r.Seed), r.Status }.Select(Quote));
            foreach (var e in run.Episodes)
            {
                line.Clear().Append(prefix).Append(',')
                    .Append(Invariant(e.Episode)).Append(',')
                    .Append(e.Evaluation ? "true" : "false").Append(',')
                    .Append(Invariant(e.Return)).Append(',')
                    .Append(Invariant(e.HiddenReturn)).Append(',')
                    .Append(e.Performance is { } p ? Invariant(p) : "").Append(',')
                    .Append(Invariant(e.Length)).Append(',')
                    .Append(e.Terminated ? "true" : "false").Append(',')
                    .Append(Quote(e.Reason));
                foreach (var name in events)
                    line.Append(',').Append(Invariant(e.Events.GetValueOrDefault(name)));
                w.WriteLine(line);
            }
        }
    }

    public static void WriteJson(Stream output, IReadOnlyList<RunExport> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        // Relaxed escaping keeps maps ("#A> #") and names readable; the output is a data file, not HTML.
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteStartArray("runs");
        foreach (var run in runs)
        {
            var r = run.Run;
            w.WriteStartObject();
            w.WriteString("id", r.Id);
            w.WriteString("kind", r.Kind);
            w.WriteString("env", r.Env);
            w.WriteString("agent", r.Agent);
            w.WriteNumber("seed", r.Seed);
            WriteJsonValue(w, "config", r.ConfigJson);
            w.WriteString("code_version", r.CodeVersion);
            w.WriteString("started_utc", r.StartedUtc.UtcDateTime);
            if (r.FinishedUtc is { } finished)
                w.WriteString("finished_utc", finished.UtcDateTime);
            else
                w.WriteNull("finished_utc");
            w.WriteString("status", r.Status);
            if (r.SummaryJson is { } summary)
                WriteJsonValue(w, "summary", summary);
            else
                w.WriteNull("summary");
            w.WriteStartArray("episodes");
            foreach (var e in run.Episodes)
                WriteEpisode(w, e);
            w.WriteEndArray();
            w.WriteStartArray("metrics");
            foreach (var m in run.Metrics)
            {
                w.WriteStartObject();
                w.WriteString("name", m.Name);
                w.WriteNumber("step", m.Step);
                WriteDouble(w, "value", m.Value);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            if (w.BytesPending > 1 << 16)
                w.Flush();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteEpisode(Utf8JsonWriter w, EpisodeRecord e)
    {
        w.WriteStartObject();
        w.WriteNumber("episode", e.Episode);
        w.WriteBoolean("evaluation", e.Evaluation);
        WriteDouble(w, "return", e.Return);
        WriteDouble(w, "hidden_return", e.HiddenReturn);
        if (e.Performance is { } p)
            WriteDouble(w, "performance", p);
        else
            w.WriteNull("performance");
        w.WriteNumber("length", e.Length);
        w.WriteBoolean("terminated", e.Terminated);
        w.WriteString("reason", e.Reason);
        w.WriteStartObject("events");
        foreach (var (name, count) in e.Events)
        {
            if (count != 0)
                w.WriteNumber(name, count);
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Embeds stored JSON as a value (re-indented like the rest), not as a string.</summary>
    private static void WriteJsonValue(Utf8JsonWriter w, string name, string json)
    {
        using var doc = JsonDocument.Parse(json);
        w.WritePropertyName(name);
        doc.RootElement.WriteTo(w);
    }

    /// <summary>JSON has no NaN or infinities: those are written as null.</summary>
    private static void WriteDouble(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
            w.WriteNumber(name, value);
        else
            w.WriteNull(name);
    }

    private static string Invariant<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    /// <summary>RFC 4180: a field with a comma, quote, line break or outer space is quoted, quotes doubled.</summary>
    internal static string Quote(string field)
    {
        var needs = field.AsSpan().IndexOfAny(",\"\r\n") >= 0
            || (field.Length > 0 && (char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1])));
        return needs ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }
}
