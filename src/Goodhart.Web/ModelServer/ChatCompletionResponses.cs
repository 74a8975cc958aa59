namespace Goodhart.Web.ModelServer;

/// <summary>The JSON bodies of chat completions in OpenAI's shapes: the whole answer, stream chunks, usage.</summary>
public static class ChatCompletionResponses
{
    /// <summary>A new completion id, <c>chatcmpl-</c> and 24 hex digits.</summary>
    public static string NewId() => "chatcmpl-" + Guid.NewGuid().ToString("N")[..24];

    /// <summary>OpenAI's <c>usage</c> object.</summary>
    public static object Usage(int promptTokens, int completionTokens) => new
    {
        prompt_tokens = promptTokens,
        completion_tokens = completionTokens,
        total_tokens = promptTokens + completionTokens,
    };

    /// <summary>The <c>chat.completion</c> object.</summary>
    public static object Completion(string id, long created, string model, IReadOnlyList<DecodedChoice> choices, int promptTokens)
    {
        ArgumentNullException.ThrowIfNull(choices);
        return new
        {
            id,
            @object = "chat.completion",
            created,
            model,
            choices = choices.Select(c => new
            {
                index = c.Index,
                message = new { role = "assistant", content = c.Text, refusal = (string?)null },
                logprobs = (object?)null,
                finish_reason = c.FinishReason,
            }).ToArray(),
            usage = Usage(promptTokens, choices.Sum(c => c.CompletionTokens)),
            system_fingerprint = (string?)null,
        };
    }

    /// <summary>A <c>chat.completion.chunk</c> with one choice's delta (role and/or content) and finish reason.</summary>
    public static object Chunk(string id, long created, string model, int index, string? role, string? content, string? finishReason)
    {
        object delta = (role, content) switch
        {
            (null, null) => new { },
            (null, _) => new { content },
            (_, null) => new { role },
            _ => new { role, content },
        };
        return new
        {
            id,
            @object = "chat.completion.chunk",
            created,
            model,
            choices = new[] { new { index, delta, logprobs = (object?)null, finish_reason = finishReason } },
            system_fingerprint = (string?)null,
        };
    }

    /// <summary>The last chunk of a stream asked for with <c>stream_options.include_usage</c>: no choices, the usage.</summary>
    public static object UsageChunk(string id, long created, string model, int promptTokens, int completionTokens) => new
    {
        id,
        @object = "chat.completion.chunk",
        created,
        model,
        choices = Array.Empty<object>(),
        usage = Usage(promptTokens, completionTokens),
        system_fingerprint = (string?)null,
    };
}
