using Goodhart.Core;
using Goodhart.Evals.Guardrails;
using Microsoft.Extensions.AI;

namespace Goodhart.Cli.Commands.Eval;

/// <summary>
/// <c>goodhart eval --guardrails POLICY.json|default</c>: the model under evaluation wrapped with
/// <see cref="GuardrailsChatClientBuilderExtensions.UseGuardrails(ChatClientBuilder, GuardrailPolicy, IChatClient?, Action{GuardrailsChatClient}?)"/>
/// (deterministic detectors, plus the Llama-Guard-style classifier when <c>--guardrails-classifier MODEL</c> is given),
/// inside the runner's cache, retry and timeout middleware. The guarded model is labelled
/// <c>MODEL+guardrails:NAME@sha256:HASH</c> (and <c>+classifier:CLASSIFIER</c>) in the console, log, report, run store and cache
/// keys, so guarded and unguarded answers never share a cache entry.
/// </summary>
internal static class EvalGuardrails
{
    /// <summary>The value of <c>--guardrails</c> that selects the shipped policy.</summary>
    public const string DefaultName = "default";

    /// <summary>The policy named by <paramref name="value"/>: null for none, the shipped one for <c>default</c>, else the file.</summary>
    public static GuardrailPolicy? Load(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (value == DefaultName)
            return GuardrailPolicy.Default;
        try
        {
            return GuardrailPolicy.Load(value);
        }
        catch (Exception e) when (e is PolicyFileException or IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"--guardrails: {e.Message}", e);
        }
    }

    /// <summary>
    /// The label of <paramref name="model"/> under <paramref name="policy"/>: the policy appears by its identity
    /// (<c>NAME@sha256:HASH</c>, <see cref="GuardrailPolicy.Identity"/>), so two policy files that share a name never share
    /// a label, a cache key or an offline replay.
    /// </summary>
    public static string Label(string model, GuardrailPolicy? policy, string? classifier = null) =>
        policy is null ? model
        : classifier is null ? $"{model}+guardrails:{policy.Identity()}"
        : $"{model}+guardrails:{policy.Identity()}+classifier:{classifier}";

    /// <summary>
    /// <paramref name="client"/> guarded by <paramref name="policy"/> (with <paramref name="classifier"/> as its
    /// Llama-Guard-style model when given; its rails, taxonomy, timeout and fail mode come from the policy) and reporting
    /// <paramref name="label"/> as its model id; unchanged without a policy.
    /// </summary>
    public static IChatClient Wrap(IChatClient client, GuardrailPolicy? policy, string label, IChatClient? classifier = null) =>
        policy is null ? client : new LabelledChatClient(client.AsBuilder().UseGuardrails(policy, classifier).Build(), label);
}
