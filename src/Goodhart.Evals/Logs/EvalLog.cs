using System.Text.Json;
using System.Text.Json.Nodes;
using Goodhart.Evals.Harness;

namespace Goodhart.Evals.Logs;

/// <summary>A JSONL eval log read back: its header fields and its sample-epochs (for re-scoring and reports).</summary>
public sealed record EvalLog(string Path, string Task, string Model, int Epochs, string Reducer, JsonObject Config, IReadOnlyList<SampleResult> Samples)
{
    /// <summary>Reads <paramref name="path"/>; a malformed line is a <see cref="FormatException"/> naming file and line.</summary>
    public static EvalLog Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        JsonObject? header = null;
        var samples = new List<SampleResult>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                var node = JsonNode.Parse(line)?.AsObject() ?? throw new FormatException("empty line");
                switch ((string?)node["type"])
                {
                    case "header":
                        header = node;
                        break;
                    case "sample":
                        samples.Add(EvalLogJson.ReadSample(node));
                        break;
                    case "summary":
                        break;
                    default:
                        throw new FormatException($"unknown line type '{(string?)node["type"]}'");
                }
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NullReferenceException)
            {
                throw new FormatException($"{path}:{number}: not an eval log line: {e.Message}", e);
            }
        }
        if (header is null)
            throw new FormatException($"{path}: no header line (is it an eval log?)");
        return new EvalLog(
            path,
            (string?)header["task"] ?? "unknown",
            (string?)header["model"] ?? "unknown",
            (int?)header["epochs"] ?? 1,
            (string?)header["reducer"] ?? "mean",
            header["config"]?.AsObject() ?? [],
            samples);
    }
}
