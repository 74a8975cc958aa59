using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Tests.Guardrails;

/// <summary>A fake chat client driven by callbacks (as Microsoft.Extensions.AI's own tests do); records every request.</summary>
internal sealed class CallbackChatClient : IChatClient
{
    public Func<IList<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>>? OnResponse { get; init; }

    public Func<IList<ChatMessage>, ChatOptions?, CancellationToken, IAsyncEnumerable<ChatResponseUpdate>>? OnStreaming { get; init; }

    public List<IList<ChatMessage>> Requests { get; } = [];

    /// <summary>A client answering every request with <paramref name="reply"/>'s text for that request.</summary>
    public static CallbackChatClient Replying(Func<IList<ChatMessage>, string> reply) =>
        new() { OnResponse = (m, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply(m)))) };

    /// <summary>A client streaming <paramref name="chunks"/> one update each.</summary>
    public static CallbackChatClient Streaming(params string[] chunks)
    {
        CallbackChatClient? client = null;
        client = new() { OnStreaming = (_, _, ct) => client!.Stream(chunks, ct) };
        return client;
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Requests.Add(list);
        return OnResponse?.Invoke(list, options, cancellationToken) ?? throw new InvalidOperationException("no response callback");
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Requests.Add(list);
        return OnStreaming?.Invoke(list, options, cancellationToken) ?? throw new InvalidOperationException("no streaming callback");
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    public int StreamedChunks { get; private set; }

    private async IAsyncEnumerable<ChatResponseUpdate> Stream(string[] chunks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var chunk in chunks)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            StreamedChunks++;
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk);
        }
    }
}
