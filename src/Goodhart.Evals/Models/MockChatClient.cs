using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Models;

/// <summary>
/// An offline model for smoke tests and CI (Inspect's <c>mockllm</c>): <c>mockllm/echo</c> answers with the last user
/// message, any other <c>mockllm/TEXT</c> answers TEXT. Never touches the network.
/// </summary>
public sealed class MockChatClient : IChatClient
{
    /// <summary>The provider prefix on the command line.</summary>
    public const string Prefix = "mockllm/";

    private readonly ChatClientMetadata _metadata;

    /// <summary>A mock named <paramref name="model"/> (with or without the <c>mockllm/</c> prefix).</summary>
    public MockChatClient(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Name = model.StartsWith(Prefix, StringComparison.Ordinal) ? model[Prefix.Length..] : model;
        _metadata = new ChatClientMetadata("mockllm", null, Prefix + Name);
    }

    /// <summary>The mock's behaviour name (<c>echo</c> or a fixed answer).</summary>
    public string Name { get; }

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var text = Name == "echo" ? messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty : Name;
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { ModelId = Prefix + Name });
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
            yield return update;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
