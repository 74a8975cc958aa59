using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Models;

/// <summary>
/// Middleware that retries a model call on transient errors (<see cref="RetryPolicy.IsTransient"/>) with exponential
/// backoff and full jitter; other errors, and the caller's cancellation, surface at once. Retries are counted on
/// <see cref="EvalCallContext.Current"/> for the log.
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
                EvalCallContext.Current?.CountRetry();
                await Policy.Delay(BackoffDelay(attempt + 1), cancellationToken).ConfigureAwait(false);
            }
        }
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
