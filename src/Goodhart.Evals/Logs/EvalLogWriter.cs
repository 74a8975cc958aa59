using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Goodhart.Evals.Harness;

namespace Goodhart.Evals.Logs;

/// <summary>
/// Writes a run's JSONL log as it goes: a header line (task, model, configuration), one line per sample-epoch in
/// result order, and a summary line. Each line is flushed, so a crashed run still leaves its finished samples.
/// The configuration is what the caller passes: never put credentials in it (the CLI logs the key's variable name only).
/// </summary>
public sealed class EvalLogWriter : IDisposable
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    private EvalLogWriter(string path)
    {
        Path = path;
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
    }

    /// <summary>The log file.</summary>
    public string Path { get; }

    /// <summary>Opens a new log in <paramref name="directory"/> named <c>UTC-TIME_TASK_RANDOM.jsonl</c> and writes its header.</summary>
    public static EvalLogWriter Create(string directory, string task, string model, int epochs, string reducer, JsonObject? config = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var started = DateTimeOffset.UtcNow;
        var safeTask = string.Concat(task.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        var name = $"{started.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}_{safeTask}_{Guid.NewGuid().ToString("N")[..6]}.jsonl";
        var writer = new EvalLogWriter(System.IO.Path.Combine(directory, name));
        writer.WriteLine(new JsonObject
        {
            ["type"] = "header",
            ["version"] = 1,
            ["task"] = task,
            ["model"] = model,
            ["epochs"] = epochs,
            ["reducer"] = reducer,
            ["started_utc"] = EvalLogJson.Time(started),
            ["config"] = config?.DeepClone() ?? new JsonObject(),
        });
        return writer;
    }

    /// <summary>Appends one sample-epoch.</summary>
    public void WriteSample(SampleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        WriteLine(EvalLogJson.Sample(result));
    }

    /// <summary>Appends the summary line.</summary>
    public void WriteSummary(EvalRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        WriteLine(EvalLogJson.Summary(result));
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private void WriteLine(JsonObject line)
    {
        lock (_gate)
        {
            _writer.WriteLine(line.ToJsonString(Compact));
            _writer.Flush();
        }
    }
}
