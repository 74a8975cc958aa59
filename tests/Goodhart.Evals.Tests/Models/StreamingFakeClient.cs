using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Tests.Models;

/// <summary>A model whose streamed calls are scripted per call (0-based): each call's updates, or an error before them.</summary>
internal sealed class StreamingFakeClient(Func<int, CancellationToken, IAsyncEnumerable<ChatResponseUpdate>> stream) : IChatClient
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public static async IAsyncEnumerable<ChatResponseUpdate> Chunks(IEnumerable<string> chunks, TimeSpan delay = default,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var chunk in chunks)
        {
            if (delay > TimeSpan.Zero)
                await Task.Delay(delay, cancellationToken);
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk);
        }
    }

    public static async IAsyncEnumerable<ChatResponseUpdate> Failing(Exception error)
    {
        await Task.Yield();
        throw error;
#pragma warning disable CS0162 // an iterator needs a yield
        yield break;
#pragma warning restore CS0162
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        stream(Interlocked.Increment(ref _calls) - 1, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("fake", null, "stream-model") : null;

    public void Dispose()
    {
    }
}
