using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Goodhart.Web.ModelServer;

/// <summary>
/// Reads and validates a chat-completion body. Every refusal is an <see cref="OpenAiException"/> (400) naming the
/// field, e.g. <c>temperature</c> or <c>messages[1].content[0].type</c>. Fields this server cannot honour
/// (tools, logprobs, penalties, logit bias, non-text response formats) are refused rather than silently ignored;
/// other unknown fields (user, metadata, store, ...) are ignored.
/// </summary>
public static class ChatCompletionRequestParser
{
    private static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool"];

    /// <summary>The request in <paramref name="body"/> (UTF-8 JSON), checked against <paramref name="options"/>' caps.</summary>
    public static ChatCompletionRequest Parse(ReadOnlyMemory<byte> body, ModelServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            throw OpenAiException.InvalidRequest(
                "We could not parse the JSON body of your request. The body must be a JSON object (Content-Type: application/json).", null, "invalid_json");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw OpenAiException.InvalidRequest("The request body must be a JSON object.", null, "invalid_json");
            }

            return Read(root, options);
        }
    }

    private static ChatCompletionRequest Read(JsonElement root, ModelServerOptions options)
    {
        var model = Optional(root, "model") is { } m
            ? (m.ValueKind == JsonValueKind.String && m.GetString() is { Length: > 0 } id ? id : throw Invalid("model", "must be a non-empty string"))
            : throw Missing("model");
        var messages = Optional(root, "messages") is { } list ? Messages(list) : throw Missing("messages");
        var temperature = Number(root, "temperature", 0, 2) ?? 1.0;
        var topP = Number(root, "top_p", 0, 1) ?? 1.0;
        var maxCompletion = Integer(root, "max_completion_tokens", 1, int.MaxValue);
        var maxTokens = Integer(root, "max_tokens", 1, int.MaxValue);
        var n = Integer(root, "n", 1, options.MaxChoices) ?? 1;
        var seed = Optional(root, "seed") is { } s
            ? (s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var value) ? value : throw Invalid("seed", "must be an integer"))
            : (long?)null;
        var stream = Boolean(root, "stream") ?? false;
        var includeUsage = false;
        if (Optional(root, "stream_options") is { } streamOptions)
        {
            if (streamOptions.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("stream_options", "must be an object");
            }

            includeUsage = Boolean(streamOptions, "include_usage", "stream_options.include_usage") ?? false;
        }

        RefuseUnsupported(root);
        return new ChatCompletionRequest
        {
            Model = model,
            Messages = messages,
            Temperature = temperature,
            TopP = topP,
            MaxTokens = (int?)(maxCompletion ?? maxTokens),
            MaxTokensField = maxCompletion is null ? "max_tokens" : "max_completion_tokens",
            N = (int)n,
            Seed = seed,
            Stop = Stop(root),
            Stream = stream,
            IncludeUsage = includeUsage,
        };
    }

    private static ChatTurn[] Messages(JsonElement list)
    {
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw Invalid("messages", "must be a non-empty array of messages");
        }

        var turns = new List<ChatTurn>();
        var index = 0;
        foreach (var message in list.EnumerateArray())
        {
            var at = $"messages[{index}]";
            if (message.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(at, "must be an object with 'role' and 'content'");
            }

            var role = Optional(message, "role") is { ValueKind: JsonValueKind.String } r ? r.GetString()! : throw Missing(at + ".role");
            if (!Roles.Contains(role, StringComparer.Ordinal))
            {
                throw Invalid(at + ".role", $"must be one of {string.Join(", ", Roles)}, not '{role}'");
            }

            turns.Add(new ChatTurn(role, Content(message, at + ".content")));
            index++;
        }

        return [.. turns];
    }

    private static string Content(JsonElement message, string at)
    {
        var content = Optional(message, "content");
        switch (content?.ValueKind)
        {
            case null:
                return "";
            case JsonValueKind.String:
                return content.Value.GetString()!;
            case JsonValueKind.Array:
                var text = new StringBuilder();
                var index = 0;
                foreach (var part in content.Value.EnumerateArray())
                {
                    var partAt = $"{at}[{index}]";
                    if (part.ValueKind != JsonValueKind.Object)
                    {
                        throw Invalid(partAt, "must be a content part object");
                    }

                    var type = Optional(part, "type") is { ValueKind: JsonValueKind.String } t ? t.GetString() : throw Missing(partAt + ".type");
                    if (type != "text")
                    {
                        throw Invalid(partAt + ".type", $"'{type}' content parts are not supported: these policies read text only");
                    }

                    text.Append(Optional(part, "text") is { ValueKind: JsonValueKind.String } value ? value.GetString() : throw Missing(partAt + ".text"));
                    index++;
                }

                return text.ToString();
            default:
                throw Invalid(at, "must be a string or an array of text parts");
        }
    }

    private static string[] Stop(JsonElement root)
    {
        var stop = Optional(root, "stop");
        switch (stop?.ValueKind)
        {
            case null:
                return [];
            case JsonValueKind.String:
                return stop.Value.GetString() is { Length: > 0 } one ? [one] : throw Invalid("stop", "must not be empty");
            case JsonValueKind.Array:
                var all = stop.Value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } s
                    ? s
                    : throw Invalid("stop", "must be a string or an array of non-empty strings")).ToArray();
                return all.Length <= 4 ? all : throw Invalid("stop", "may hold at most 4 sequences");
            default:
                throw Invalid("stop", "must be a string or an array of up to 4 strings");
        }
    }

    private static void RefuseUnsupported(JsonElement root)
    {
        if (Optional(root, "tools") is { ValueKind: JsonValueKind.Array } tools && tools.GetArrayLength() > 0)
        {
            throw Invalid("tools", "are not supported: these policies cannot call tools");
        }

        if (Optional(root, "functions") is { ValueKind: JsonValueKind.Array } functions && functions.GetArrayLength() > 0)
        {
            throw Invalid("functions", "are not supported: these policies cannot call functions");
        }

        if (Boolean(root, "logprobs") == true)
        {
            throw Invalid("logprobs", "is not supported by this server");
        }

        foreach (var penalty in new[] { "presence_penalty", "frequency_penalty" })
        {
            if (Number(root, penalty, -2, 2) is { } value && value != 0)
            {
                throw Invalid(penalty, "is not supported by this server (only 0)");
            }
        }

        if (Optional(root, "logit_bias") is { ValueKind: JsonValueKind.Object } bias && bias.EnumerateObject().Any())
        {
            throw Invalid("logit_bias", "is not supported by this server");
        }

        if (Optional(root, "response_format") is { } format
            && !(format.ValueKind == JsonValueKind.Object && Optional(format, "type") is { ValueKind: JsonValueKind.String } type && type.GetString() == "text"))
        {
            throw Invalid("response_format", "only {\"type\": \"text\"} is supported: these policies cannot promise JSON");
        }
    }

    private static JsonElement? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static double? Number(JsonElement root, string name, double min, double max)
    {
        if (Optional(root, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            throw Invalid(name, "must be a number");
        }

        return number >= min && number <= max
            ? number
            : throw Invalid(name, string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max}, not {number}"));
    }

    private static long? Integer(JsonElement root, string name, long min, long max)
    {
        if (Optional(root, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            throw Invalid(name, "must be an integer");
        }

        return number >= min && number <= max
            ? number
            : throw Invalid(name, max == int.MaxValue
                ? string.Create(CultureInfo.InvariantCulture, $"must be at least {min}, not {number}")
                : string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max}, not {number}"));
    }

    private static bool? Boolean(JsonElement root, string name, string? param = null) => Optional(root, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw Invalid(param ?? name, "must be true or false"),
    };

    private static OpenAiException Missing(string param) =>
        OpenAiException.InvalidRequest($"Missing required parameter: '{param}'.", param, "missing_required_parameter");

    private static OpenAiException Invalid(string param, string problem) =>
        OpenAiException.InvalidRequest($"Invalid value for '{param}': {problem}.", param, "invalid_value");
}
