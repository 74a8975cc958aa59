using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Models;

/// <summary><see cref="ChatClientBuilder"/> extensions that add the harness's middleware (outermost first, as the builder composes).</summary>
public static class EvalChatClientBuilderExtensions
{
    /// <summary>Adds a per-call timeout (<see cref="TimeoutChatClient"/>).</summary>
    public static ChatClientBuilder UseTimeout(this ChatClientBuilder builder, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new TimeoutChatClient(inner, timeout));
    }

    /// <summary>Adds retries with backoff on transient errors (<see cref="RetryingChatClient"/>).</summary>
    public static ChatClientBuilder UseRetries(this ChatClientBuilder builder, RetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new RetryingChatClient(inner, policy));
    }

    /// <summary>Adds <see cref="RetryingChatClient"/> with <paramref name="maxRetries"/> and default delays.</summary>
    public static ChatClientBuilder UseRetries(this ChatClientBuilder builder, int maxRetries) =>
        builder.UseRetries(new RetryPolicy { MaxRetries = maxRetries });

    /// <summary>Adds record/replay over <paramref name="cache"/> (<see cref="ResponseCacheChatClient"/>).</summary>
    public static ChatClientBuilder UseResponseCache(this ChatClientBuilder builder, ResponseCache cache)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new ResponseCacheChatClient(inner, cache));
    }

    /// <summary>
    /// The harness's standard pipeline over <paramref name="model"/>: cache (outermost, so a hit never retries or
    /// times out), then retries, then the per-call timeout (each attempt gets the full limit).
    /// </summary>
    public static IChatClient WithEvalMiddleware(this IChatClient model, ModelCallOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var builder = model.AsBuilder();
        if (options.Cache is { Mode: not ResponseCacheMode.Off } cache)
            builder.UseResponseCache(cache);
        if (options.Retry.MaxRetries > 0)
            builder.UseRetries(options.Retry);
        if (options.Timeout is { } timeout)
            builder.UseTimeout(timeout);
        return builder.Build();
    }
}
