using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Models;

/// <summary>
/// Middleware that retries a model call on transient errors (<see cref="RetryPolicy.IsTransient"/>) with exponential
/// backoff and full jitter, or after the delay the service asks for in a <c>Retry-After</c> header (capped at
/// <see cref="RetryPolicy.MaxRetryAfter"/>); other errors, and the caller's cancellation, surface at once. A streamed call
/// is retried while it has not yet produced an update (after the first update, an error reaches the caller: what was
/// streamed cannot be taken back). Retries are counted on <see cref="EvalCallContext.Current"/> for the log.
/// </summary>
public sealed class RetryingChatClient : DelegatingChatClient
{
    private readonly Random? _seeded;
    private readonly Lock _gate = new();

    /// <summary>Wraps <paramref name="innerClient"/> with <paramref name="policy"/>.</summary>
    public RetryingChatClient(IChatClient innerClient, RetryPolicy policy)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfNegative(policy.MaxRetries);
        Policy = policy;
        _seeded = policy.JitterSeed is { } seed ? new Random(seed) : null;
    }

    /// <summary>The policy.</summary>
    public RetryPolicy Policy { get; }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await base.GetResponseAsync(list, options?.Clone(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < Policy.MaxRetries && !cancellationToken.IsCancellationRequested && RetryPolicy.IsTransient(e))
            {
                await WaitBeforeRetryAsync(e, attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        for (var attempt = 0; ; attempt++)
        {
            var updates = base.GetStreamingResponseAsync(list, options?.Clone(), cancellationToken).GetAsyncEnumerator(cancellationToken);
            bool any;
            try
            {
                any = await updates.MoveNextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < Policy.MaxRetries && !cancellationToken.IsCancellationRequested && RetryPolicy.IsTransient(e))
            {
                await updates.DisposeAsync().ConfigureAwait(false);
                await WaitBeforeRetryAsync(e, attempt, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch
            {
                await updates.DisposeAsync().ConfigureAwait(false);
                throw;
            }
            await using (updates.ConfigureAwait(false))
            {
                if (!any)
                    yield break;
                yield return updates.Current;
                while (await updates.MoveNextAsync().ConfigureAwait(false))
                    yield return updates.Current;
            }
            yield break;
        }
    }

    /// <summary>
    /// The delay before retry <paramref name="retry"/> (1-based) after <paramref name="error"/>: the service's
    /// <c>Retry-After</c> when it sent one (capped at <see cref="RetryPolicy.MaxRetryAfter"/>), else <see cref="BackoffDelay"/>.
    /// </summary>
    public TimeSpan RetryDelay(Exception error, int retry)
    {
        ArgumentNullException.ThrowIfNull(error);
        return RetryAfter.Of(error, DateTimeOffset.UtcNow) is { } asked
            ? TimeSpan.FromTicks(Math.Min(asked.Ticks, Policy.MaxRetryAfter.Ticks))
            : BackoffDelay(retry);
    }

    private Task WaitBeforeRetryAsync(Exception error, int attempt, CancellationToken cancellationToken)
    {
        EvalCallContext.Current?.CountRetry();
        return Policy.Delay(RetryDelay(error, attempt + 1), cancellationToken);
    }

    /// <summary>The delay before retry <paramref name="retry"/> (1-based): uniform in [0, min(max, base * 2^(retry-1))].</summary>
    public TimeSpan BackoffDelay(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var cap = Math.Min(Policy.MaxDelay.TotalMilliseconds, Policy.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 30)));
        double u;
        if (_seeded is { } seeded)
        {
            lock (_gate)
                u = seeded.NextDouble();
        }
        else
        {
            u = Random.Shared.NextDouble();
        }
        return TimeSpan.FromMilliseconds(u * cap);
    }
}
