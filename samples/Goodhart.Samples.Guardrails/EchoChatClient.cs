using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Goodhart.Samples.Guardrails;

/// <summary>A stand-in model that answers by repeating the last user message, so the sample runs offline.</summary>
internal sealed class EchoChatClient : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var last = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, $"You said: {last}")) { ModelId = "echo" });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var word in response.Text.Split(' '))
            yield return new ChatResponseUpdate(ChatRole.Assistant, word + " ");
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType == typeof(IChatClient) ? this : null;

    public void Dispose()
    {
    }
}
