namespace Goodhart.Web.ModelServer;

/// <summary>
/// Limits and access rules of the OpenAI-compatible model server: request size, how many generations run at once
/// and how many may wait, the per-client token bucket, the optional bearer key, and the generation caps.
/// </summary>
public sealed record ModelServerOptions
{
    /// <summary>Largest accepted request body in bytes; larger ones get 413; default 64 KiB.</summary>
    public long MaxRequestBodyBytes { get; init; } = 64 * 1024;

    /// <summary>Generations that run at the same time (the rest wait in a queue); default 1, so a small CPU is not oversubscribed.</summary>
    public int MaxConcurrentGenerations { get; init; } = 1;

    /// <summary>Requests that may wait for a generation slot; one more gets 503; default 32.</summary>
    public int MaxQueuedRequests { get; init; } = 32;

    /// <summary>Requests a client (by remote IP) may make at once: the token bucket's size; 0 turns rate limiting off; default 60.</summary>
    public int RateLimitBurst { get; init; } = 60;

    /// <summary>Tokens added to each client's bucket per minute; default 60.</summary>
    public int RateLimitPerMinute { get; init; } = 60;

    /// <summary>The bearer key every request must carry (<c>Authorization: Bearer KEY</c>); null or empty: no key needed.</summary>
    public string? ApiKey { get; init; }

    /// <summary>New tokens generated when the request names no max_tokens (capped by the model's context); default 128.</summary>
    public int DefaultMaxTokens { get; init; } = 128;

    /// <summary>Most choices (<c>n</c>) one request may ask for; default 8.</summary>
    public int MaxChoices { get; init; } = 8;

    /// <summary>Host allow-list, slow-body limit and default Retry-After (docs/serve.md).</summary>
    public Http.HttpEdgeOptions Edge { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        if (MaxRequestBodyBytes < 1024)
        {
            throw new ArgumentException($"MaxRequestBodyBytes must be at least 1024, not {MaxRequestBodyBytes}.");
        }

        if (MaxConcurrentGenerations < 1 || MaxQueuedRequests < 0)
        {
            throw new ArgumentException($"MaxConcurrentGenerations must be at least 1 and MaxQueuedRequests at least 0 (got {MaxConcurrentGenerations}, {MaxQueuedRequests}).");
        }

        if (RateLimitBurst < 0 || (RateLimitBurst > 0 && RateLimitPerMinute < 1))
        {
            throw new ArgumentException($"RateLimitBurst must be at least 0 and RateLimitPerMinute at least 1 when rate limiting is on (got {RateLimitBurst}, {RateLimitPerMinute}).");
        }

        if (DefaultMaxTokens < 1 || MaxChoices < 1)
        {
            throw new ArgumentException($"DefaultMaxTokens and MaxChoices must be at least 1 (got {DefaultMaxTokens}, {MaxChoices}).");
        }

        Edge.Validate();
    }
}
