using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Constitutional;

/// <summary>Adds <see cref="ConstitutionalChatClient"/> to a <see cref="ChatClientBuilder"/> pipeline.</summary>
public static class ConstitutionalChatClientBuilderExtensions
{
    /// <summary>Critiques and revises the inner client's answers against <paramref name="constitution"/> (default: the shipped one).</summary>
    public static ChatClientBuilder UseConstitution(this ChatClientBuilder builder, Constitution? constitution = null, ConstitutionalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new ConstitutionalChatClient(inner, constitution ?? Constitution.Default, options));
    }
}
