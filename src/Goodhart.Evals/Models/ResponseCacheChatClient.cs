using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Models;

/// <summary>
/// Record/replay middleware over a <see cref="ResponseCache"/>: a hit is replayed without calling the inner client; a
/// miss calls it and records the answer (read-write) or throws <see cref="ResponseCacheMissException"/> (offline-only).
/// Keys come from <see cref="ResponseCacheKey"/>, with the epoch from <see cref="EvalCallContext.Current"/>.
/// </summary>
public sealed class ResponseCacheChatClient : DelegatingChatClient
{
    private readonly string? _defaultModelId;

    /// <summary>Wraps <paramref name="innerClient"/> with <paramref name="cache"/>.</summary>
    public ResponseCacheChatClient(IChatClient innerClient, ResponseCache cache)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(cache);
        Cache = cache;
        _defaultModelId = innerClient.GetService<ChatClientMetadata>()?.DefaultModelId;
    }

    /// <summary>The cache.</summary>
    public ResponseCache Cache { get; }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (Cache.Mode == ResponseCacheMode.Off)
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var context = EvalCallContext.Current;
        var model = options?.ModelId ?? _defaultModelId ?? "unknown";
        var epoch = context?.Epoch ?? 1;
        var key = ResponseCacheKey.Compute(model, epoch, list, options);
        if (await Cache.TryReadAsync(key, cancellationToken).ConfigureAwait(false) is { } hit)
            return hit;
        if (Cache.Mode == ResponseCacheMode.OfflineOnly)
            throw new ResponseCacheMissException(key, Cache.Directory, context);
        var response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        await Cache.WriteAsync(key, model, epoch, response, cancellationToken).ConfigureAwait(false);
        return response;
    }
}
