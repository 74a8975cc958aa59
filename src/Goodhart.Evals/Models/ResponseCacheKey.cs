using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Models;

/// <summary>
/// The key of a cached response: the SHA-256 (hex) of a canonical JSON of the model id, the epoch (so epochs of a
/// sampled model stay distinct), each message's role, author and text, and the options that change an answer
/// (instructions, temperature, top-p/k, penalties, max tokens, seed, stop sequences, response format). Credentials are
/// never part of it.
/// </summary>
public static class ResponseCacheKey
{
    /// <summary>The canonical JSON the key hashes (exposed for tests and debugging).</summary>
    public static string CanonicalJson(string modelId, int epoch, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("v", 1);
            w.WriteString("model", modelId);
            w.WriteNumber("epoch", epoch);
            w.WriteStartArray("messages");
            foreach (var m in messages)
            {
                w.WriteStartObject();
                w.WriteString("role", m.Role.Value);
                if (m.AuthorName is { } author)
                    w.WriteString("author", author);
                w.WriteString("text", m.Text);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (options is not null)
            {
                w.WriteStartObject("options");
                WriteIf(w, "instructions", options.Instructions);
                WriteIf(w, "temperature", options.Temperature);
                WriteIf(w, "top_p", options.TopP);
                WriteIf(w, "top_k", options.TopK);
                WriteIf(w, "frequency_penalty", options.FrequencyPenalty);
                WriteIf(w, "presence_penalty", options.PresencePenalty);
                WriteIf(w, "max_output_tokens", options.MaxOutputTokens);
                WriteIf(w, "seed", options.Seed);
                if (options.StopSequences is { Count: > 0 } stops)
                {
                    w.WriteStartArray("stop");
                    foreach (var s in stops)
                        w.WriteStringValue(s);
                    w.WriteEndArray();
                }
                if (options.ResponseFormat is { } format)
                    w.WriteString("response_format", format.GetType().Name);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The key: lower-case hex SHA-256 of <see cref="CanonicalJson"/>.</summary>
    public static string Compute(string modelId, int epoch, IEnumerable<ChatMessage> messages, ChatOptions? options) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson(modelId, epoch, messages, options))));

    private static void WriteIf(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
            w.WriteString(name, value);
    }

    private static void WriteIf(Utf8JsonWriter w, string name, float? value)
    {
        if (value is { } v)
            w.WriteString(name, v.ToString("R", CultureInfo.InvariantCulture));
    }

    private static void WriteIf(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
            w.WriteNumber(name, v);
    }

    private static void WriteIf(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
            w.WriteNumber(name, v);
    }
}
