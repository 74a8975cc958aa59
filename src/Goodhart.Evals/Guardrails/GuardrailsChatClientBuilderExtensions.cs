using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Guardrails;

/// <summary>Adds <see cref="GuardrailsChatClient"/> to a <see cref="ChatClientBuilder"/> pipeline.</summary>
public static class GuardrailsChatClientBuilderExtensions
{
    /// <summary>
    /// Guards the inner client with <paramref name="policy"/>; <paramref name="classifier"/>, when given, is asked
    /// Llama-Guard-style on the rails of the policy's <c>classifier</c> section (with its taxonomy).
    /// </summary>
    public static ChatClientBuilder UseGuardrails(this ChatClientBuilder builder, GuardrailPolicy policy, IChatClient? classifier = null,
        Action<GuardrailsChatClient>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(policy);
        var guard = classifier is null ? null : new LlamaGuardClassifier(classifier, policy.Classifier?.Categories);
        return builder.UseGuardrails(policy, guard, configure);
    }

    /// <summary>Guards the inner client with <paramref name="policy"/> and any <see cref="IGuardrailClassifier"/>.</summary>
    public static ChatClientBuilder UseGuardrails(this ChatClientBuilder builder, GuardrailPolicy policy, IGuardrailClassifier? classifier,
        Action<GuardrailsChatClient>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(policy);
        return builder.Use(inner =>
        {
            var client = new GuardrailsChatClient(inner, policy, classifier);
            configure?.Invoke(client);
            return client;
        });
    }
}
