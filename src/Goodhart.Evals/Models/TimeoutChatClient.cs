using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Models;

/// <summary>
/// Middleware that gives each model call at most <see cref="Timeout"/>: past it the call is cancelled and a
/// <see cref="ModelCallTimeoutException"/> thrown (the caller's own cancellation still surfaces as cancellation). A
/// streamed call gets the same limit for the whole stream, from the request to its last update.
/// </summary>
public sealed class TimeoutChatClient : DelegatingChatClient
{
    /// <summary>Wraps <paramref name="innerClient"/> with a per-call limit of <paramref name="timeout"/>.</summary>
    public TimeoutChatClient(IChatClient innerClient, TimeSpan timeout)
        : base(innerClient)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        Timeout = timeout;
    }

    /// <summary>The per-call limit.</summary>
    public TimeSpan Timeout { get; }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Timeout);
        try
        {
            return await base.GetResponseAsync(messages, options, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ModelCallTimeoutException(Timeout, e);
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Timeout);
        var updates = base.GetStreamingResponseAsync(messages, options, limit.Token).GetAsyncEnumerator(limit.Token);
        await using (updates.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                        yield break;
                }
                catch (OperationCanceledException e) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new ModelCallTimeoutException(Timeout, e);
                }
                yield return updates.Current;
            }
        }
    }
}
