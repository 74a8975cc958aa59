using System.Globalization;
using System.Text.Json.Nodes;
using Goodhart.Evals.Harness;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Logs;

/// <summary>The JSON shapes of an eval log's lines (see docs/evals.md, "Log format"), both ways.</summary>
internal static class EvalLogJson
{
    public static JsonArray Messages(IEnumerable<ChatMessage> messages) =>
        [.. messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role.Value, ["text"] = m.Text })];

    public static List<ChatMessage> ReadMessages(JsonNode? node) =>
        [.. (node?.AsArray() ?? []).Select(m => new ChatMessage(new ChatRole((string)m!["role"]!), (string?)m["text"] ?? string.Empty))];

    public static JsonObject Strings(IReadOnlyDictionary<string, string> values)
    {
        var o = new JsonObject();
        foreach (var (k, v) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
            o[k] = v;
        return o;
    }

    public static Dictionary<string, string> ReadStrings(JsonNode? node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in node?.AsObject() ?? [])
            result[k] = v?.ToString() ?? string.Empty;
        return result;
    }

    public static JsonObject Score(Score s) => new()
    {
        ["value"] = Finite(s.Value),
        ["answer"] = s.Answer,
        ["explanation"] = s.Explanation,
        ["error"] = s.Error,
    };

    public static Score ReadScore(JsonNode node) => new()
    {
        Value = (double?)node["value"],
        Answer = (string?)node["answer"],
        Explanation = (string?)node["explanation"],
        Error = (string?)node["error"],
    };

    public static JsonObject Sample(SampleResult r)
    {
        var scores = new JsonObject();
        foreach (var (name, score) in r.Scores)
            scores[name] = Score(score);
        return new JsonObject
        {
            ["type"] = "sample",
            ["id"] = r.Sample.Id,
            ["index"] = r.SampleIndex,
            ["epoch"] = r.Epoch,
            ["input"] = Messages(r.Sample.Input),
            ["target"] = new JsonArray([.. r.Sample.Target.Select(t => (JsonNode)t)]),
            ["metadata"] = Strings(r.Sample.Metadata),
            ["messages"] = Messages(r.Messages),
            ["outputs"] = new JsonArray([.. r.Outputs.Select(o => (JsonNode)o)]),
            ["store"] = Strings(r.Store),
            ["scores"] = scores,
            ["error"] = r.Error,
            ["started_utc"] = Time(r.StartedUtc),
            ["solve_ms"] = Math.Round(r.SolveTime.TotalMilliseconds, 3),
            ["score_ms"] = Math.Round(r.ScoreTime.TotalMilliseconds, 3),
            ["retries"] = r.Retries,
            ["input_tokens"] = r.InputTokens,
            ["output_tokens"] = r.OutputTokens,
        };
    }

    public static SampleResult ReadSample(JsonNode node)
    {
        var sample = new EvalSample
        {
            Id = (string)node["id"]!,
            Input = ReadMessages(node["input"]),
            Target = [.. (node["target"]?.AsArray() ?? []).Select(t => (string)t!)],
            Metadata = ReadStrings(node["metadata"]),
        };
        var scores = new Dictionary<string, Score>(StringComparer.Ordinal);
        foreach (var (name, score) in node["scores"]?.AsObject() ?? [])
            scores[name] = ReadScore(score!);
        return new SampleResult
        {
            Sample = sample,
            SampleIndex = (int)node["index"]!,
            Epoch = (int)node["epoch"]!,
            Messages = ReadMessages(node["messages"]),
            Outputs = [.. (node["outputs"]?.AsArray() ?? []).Select(o => (string?)o ?? string.Empty)],
            Store = ReadStrings(node["store"]),
            Scores = scores,
            Error = (string?)node["error"],
            StartedUtc = node["started_utc"] is { } t ? DateTimeOffset.Parse((string)t!, CultureInfo.InvariantCulture) : default,
            SolveTime = TimeSpan.FromMilliseconds((double?)node["solve_ms"] ?? 0),
            ScoreTime = TimeSpan.FromMilliseconds((double?)node["score_ms"] ?? 0),
            Retries = (int?)node["retries"] ?? 0,
            InputTokens = (long?)node["input_tokens"] ?? 0,
            OutputTokens = (long?)node["output_tokens"] ?? 0,
        };
    }

    public static JsonObject Summary(EvalRunResult result) => new()
    {
        ["type"] = "summary",
        ["duration_ms"] = Math.Round(result.Duration.TotalMilliseconds, 3),
        ["samples"] = result.Samples.Count,
        ["errored"] = result.Errored,
        ["input_tokens"] = result.Samples.Sum(s => s.InputTokens),
        ["output_tokens"] = result.Samples.Sum(s => s.OutputTokens),
        ["scorers"] = new JsonArray([.. result.Scorers.Select(s => (JsonNode)new JsonObject
        {
            ["scorer"] = s.Scorer,
            ["scored"] = s.Scored,
            ["unscored"] = s.Unscored,
            ["errored"] = s.Errored,
            ["unscored_reasons"] = new JsonArray([.. s.UnscoredReasons.Select(p => (JsonNode)new JsonObject { ["reason"] = p.Key, ["count"] = p.Value })]),
            ["metrics"] = new JsonArray([.. s.Metrics.Select(m => (JsonNode)new JsonObject
            {
                ["name"] = m.Name,
                ["value"] = Finite(m.Value),
                ["lower"] = Finite(m.Lower),
                ["upper"] = Finite(m.Upper),
            })]),
        })]),
    };

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
