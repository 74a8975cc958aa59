using Microsoft.Extensions.AI;

namespace Goodhart.Cli.Commands.Eval;

/// <summary>A pass-through chat client that reports <paramref name="label"/> as its model id (what the eval log and the response cache key use).</summary>
internal sealed class LabelledChatClient(IChatClient inner, string label) : DelegatingChatClient(inner)
{
    private readonly ChatClientMetadata _metadata = new(
        inner.GetService<ChatClientMetadata>()?.ProviderName, inner.GetService<ChatClientMetadata>()?.ProviderUri, label);

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? _metadata : base.GetService(serviceType, serviceKey);
}
