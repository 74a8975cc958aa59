using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Tests;

/// <summary>An <see cref="IChatClient"/> driven by a callback (as Microsoft.Extensions.AI's own tests do); counts calls.</summary>
internal sealed class FakeChatClient : IChatClient
{
    private int _calls;

    public FakeChatClient(Func<IReadOnlyList<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>> respond, string modelId = "fake-model")
    {
        Respond = respond;
        Metadata = new ChatClientMetadata("fake", null, modelId);
    }

    public Func<IReadOnlyList<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>> Respond { get; }

    public ChatClientMetadata Metadata { get; }

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>A model answering every call with <paramref name="answer"/>(last user text).</summary>
    public static FakeChatClient Answering(Func<string, string> answer, string modelId = "fake-model") =>
        new((messages, _, _) => Task.FromResult(Reply(answer(messages.Last(m => m.Role == ChatRole.User).Text))), modelId);

    public static ChatResponse Reply(string text) => new(new ChatMessage(ChatRole.Assistant, text));

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return Respond([.. messages], options, cancellationToken);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? Metadata : null;

    public void Dispose()
    {
    }
}
