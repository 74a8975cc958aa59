using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Harness;

/// <summary>
/// Reads JSONL datasets: one object per line with <c>input</c> (a string, or a list of <c>{"role", "content"}</c>
/// messages; <c>messages</c> is a synonym), optional <c>target</c> (string, number or list), <c>id</c> (string or
/// number; default the record's 1-based number) and <c>metadata</c> (an object of scalars). Any other scalar field
/// joins the metadata. Blank lines are skipped.
/// </summary>
public static class JsonlDataset
{
    /// <summary>The samples of <paramref name="path"/>.</summary>
    public static IReadOnlyList<EvalSample> Read(string path) => FromLines(File.ReadLines(path), path);

    /// <summary>The samples of <paramref name="lines"/>, named <paramref name="path"/> in errors.</summary>
    internal static IReadOnlyList<EvalSample> FromLines(IEnumerable<string> lines, string path)
    {
        var samples = new List<EvalSample>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var number = 0;
        foreach (var text in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
                continue;
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(text);
            }
            catch (JsonException e)
            {
                throw new DatasetFormatException(path, number, null, $"not valid JSON: {e.Message}", e);
            }
            using (doc)
            {
                EvalSample sample;
                try
                {
                    sample = ReadRecord(doc.RootElement, path, number, samples.Count + 1);
                }
                catch (InvalidOperationException e)
                {
                    // System.Text.Json refuses a string holding an unpaired surrogate escape (e.g. "\ud800").
                    throw new DatasetFormatException(path, number, null, $"a string is not valid text: {e.Message}", e);
                }
                DatasetLoader.AddUnique(seen, sample.Id, path, number);
                samples.Add(sample);
            }
        }
        return samples;
    }

    private static EvalSample ReadRecord(JsonElement root, string path, int line, int record)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new DatasetFormatException(path, line, null, $"expected a JSON object, got {root.ValueKind}");
        var hasInput = root.TryGetProperty("input", out var input);
        var hasMessages = root.TryGetProperty("messages", out var messages);
        if (hasInput && hasMessages)
            throw new DatasetFormatException(path, line, "messages", "give either 'input' or 'messages', not both");
        if (!hasInput && !hasMessages)
            throw new DatasetFormatException(path, line, "input", "missing (each record needs 'input' or 'messages')");
        var inputField = hasInput ? "input" : "messages";
        var conversation = ReadInput(hasInput ? input : messages, path, line, inputField);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        string? id = null;
        IReadOnlyList<string> target = [];
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "input" or "messages":
                    break;
                case "id":
                    id = Scalar(property.Value, path, line, "id") ?? throw new DatasetFormatException(path, line, "id", "must not be null");
                    if (id.Length == 0)
                        throw new DatasetFormatException(path, line, "id", "must not be empty");
                    break;
                case "target":
                    target = property.Value.ValueKind == JsonValueKind.Array
                        ? [.. property.Value.EnumerateArray().Select((t, i) => Scalar(t, path, line, $"target[{i}]") ?? string.Empty)]
                        : Scalar(property.Value, path, line, "target") is { } one ? [one] : [];
                    break;
                case "metadata":
                    if (property.Value.ValueKind != JsonValueKind.Object)
                        throw new DatasetFormatException(path, line, "metadata", $"expected an object, got {property.Value.ValueKind}");
                    foreach (var m in property.Value.EnumerateObject())
                        metadata[m.Name] = Scalar(m.Value, path, line, $"metadata.{m.Name}") ?? string.Empty;
                    break;
                default:
                    metadata[property.Name] = Scalar(property.Value, path, line, property.Name) ?? string.Empty;
                    break;
            }
        }
        return new EvalSample
        {
            Id = id ?? record.ToString(CultureInfo.InvariantCulture),
            Input = conversation,
            Target = target,
            Metadata = metadata,
        };
    }

    private static List<ChatMessage> ReadInput(JsonElement value, string path, int line, string field)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            if (field == "messages")
                throw new DatasetFormatException(path, line, field, "expected a list of {\"role\", \"content\"} messages");
            return [new ChatMessage(ChatRole.User, value.GetString()!)];
        }
        if (value.ValueKind != JsonValueKind.Array)
            throw new DatasetFormatException(path, line, field, $"expected a string or a list of messages, got {value.ValueKind}");
        var result = new List<ChatMessage>();
        var i = 0;
        foreach (var m in value.EnumerateArray())
        {
            var where = $"{field}[{i++}]";
            if (m.ValueKind != JsonValueKind.Object)
                throw new DatasetFormatException(path, line, where, "expected an object with 'role' and 'content'");
            if (!m.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
                throw new DatasetFormatException(path, line, where + ".role", "missing or not a string");
            if (!m.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String)
                throw new DatasetFormatException(path, line, where + ".content", "missing or not a string");
            var chatRole = role.GetString() switch
            {
                "system" => ChatRole.System,
                "user" => ChatRole.User,
                "assistant" => ChatRole.Assistant,
                var other => throw new DatasetFormatException(path, line, where + ".role", $"unknown role '{other}' (expected system, user or assistant)"),
            };
            result.Add(new ChatMessage(chatRole, content.GetString()!));
        }
        if (result.Count == 0)
            throw new DatasetFormatException(path, line, field, "no messages");
        return result;
    }

    private static string? Scalar(JsonElement value, string path, int line, string field) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => null,
        _ => throw new DatasetFormatException(path, line, field, $"expected a string, number or boolean, got {value.ValueKind}"),
    };
}
