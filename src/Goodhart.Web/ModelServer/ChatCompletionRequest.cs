namespace Goodhart.Web.ModelServer;

/// <summary>
/// A validated <c>POST /v1/chat/completions</c> body: the fields of OpenAI's request this server honours, with
/// OpenAI's defaults filled in (temperature 1, top_p 1, n 1, no stop, no streaming).
/// </summary>
public sealed record ChatCompletionRequest
{
    /// <summary>The model id.</summary>
    public required string Model { get; init; }

    /// <summary>The conversation, in order.</summary>
    public required IReadOnlyList<ChatTurn> Messages { get; init; }

    /// <summary>Sampling temperature in [0, 2]; 0 is greedy.</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Nucleus mass in [0, 1]; 0 keeps only the most likely token.</summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>Most new tokens per choice (<c>max_completion_tokens</c>, else <c>max_tokens</c>); null: the server's default.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Field name the max-token count came from (for error messages).</summary>
    public string MaxTokensField { get; init; } = "max_tokens";

    /// <summary>Number of choices.</summary>
    public int N { get; init; } = 1;

    /// <summary>Seed of the sampling; null draws a fresh one.</summary>
    public long? Seed { get; init; }

    /// <summary>Up to 4 strings that end a choice (not included in its text).</summary>
    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>Whether to answer as server-sent events.</summary>
    public bool Stream { get; init; }

    /// <summary>Whether a streamed answer ends with a usage chunk (<c>stream_options.include_usage</c>).</summary>
    public bool IncludeUsage { get; init; }
}
