using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Models;

/// <summary>
/// Record/replay middleware over a <see cref="ResponseCache"/>: a hit is replayed without calling the inner client; a
/// miss calls it and records the answer (read-write) or throws <see cref="ResponseCacheMissException"/> (offline-only).
/// Keys come from <see cref="ResponseCacheKey"/>, with the epoch from <see cref="EvalCallContext.Current"/>. Streamed
/// calls are covered too (as Microsoft.Extensions.AI's <c>CachingChatClient</c> does): a hit is replayed as updates, a
/// miss is streamed through and recorded, coalesced into one response, once the stream ends; a streamed and a
/// non-streamed call of the same request share an entry.
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
        var (list, key, model, epoch) = Lookup(messages, options);
        if (await Cache.TryReadAsync(key, cancellationToken).ConfigureAwait(false) is { } hit)
            return hit;
        if (Cache.Mode == ResponseCacheMode.OfflineOnly)
            throw new ResponseCacheMissException(key, Cache.Directory, EvalCallContext.Current);
        var response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        await Cache.WriteAsync(key, model, epoch, response, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Cache.Mode == ResponseCacheMode.Off)
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
                yield return update;
            yield break;
        }
        var (list, key, model, epoch) = Lookup(messages, options);
        if (await Cache.TryReadAsync(key, cancellationToken).ConfigureAwait(false) is { } hit)
        {
            foreach (var update in hit.ToChatResponseUpdates())
                yield return update;
            yield break;
        }
        if (Cache.Mode == ResponseCacheMode.OfflineOnly)
            throw new ResponseCacheMissException(key, Cache.Directory, EvalCallContext.Current);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            yield return update;
        }
        // Only a stream read to its end is recorded; an abandoned or failed one never reaches the cache.
        await Cache.WriteAsync(key, model, epoch, updates.ToChatResponse(), cancellationToken).ConfigureAwait(false);
    }

    private (IReadOnlyList<ChatMessage> Messages, string Key, string Model, int Epoch) Lookup(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var model = options?.ModelId ?? _defaultModelId ?? "unknown";
        var epoch = EvalCallContext.Current?.Epoch ?? 1;
        return (list, ResponseCacheKey.Compute(model, epoch, list, options), model, epoch);
    }
}
