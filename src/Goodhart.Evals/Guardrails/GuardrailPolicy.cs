using System.Text.Json;
using System.Text.Json.Serialization;

namespace Goodhart.Evals.Guardrails;

/// <summary>
/// A guardrail policy: the rules, the tool-call lists, the optional model classifier, and how blocks, re-asks,
/// classifier failures and streams are handled. Loaded from JSON (format in docs/guardrails.md) or built in code.
/// </summary>
public sealed record GuardrailPolicy : IJsonOnDeserialized
{
    /// <summary>The refusal returned on a block unless the policy sets its own.</summary>
    public const string DefaultRefusalMessage = "I can't help with that request.";

    /// <summary>The policy's name (for logs).</summary>
    public string Name { get; init; } = "policy";

    /// <summary>What a classifier error or timeout does; default closed (block).</summary>
    public GuardrailFailMode FailMode { get; init; } = GuardrailFailMode.Closed;

    /// <summary>How a block reaches the caller; default a refusal message.</summary>
    public GuardrailBlockBehaviour OnBlock { get; init; } = GuardrailBlockBehaviour.Refuse;

    /// <summary>The refusal returned on a block.</summary>
    public string RefusalMessage { get; init; } = DefaultRefusalMessage;

    /// <summary>How output rails treat streamed responses; default buffer.</summary>
    public GuardrailStreamingMode Streaming { get; init; } = GuardrailStreamingMode.Buffer;

    /// <summary>Characters of recent text the incremental streaming mode re-checks with each update; default 256.</summary>
    public int StreamWindow { get; init; } = 256;

    /// <summary>The re-ask action's settings.</summary>
    public ReaskSettings Reask { get; init; } = new();

    /// <summary>The model classifier's settings; null uses the defaults when a classifier is given (none runs without one).</summary>
    public ClassifierSettings? Classifier { get; init; }

    /// <summary>The tool-call rail's allow and deny lists; null allows every function.</summary>
    public ToolCallSettings? Tools { get; init; }

    /// <summary>The deterministic rules, checked in order.</summary>
    public IReadOnlyList<GuardrailRule> Rules { get; init; } = [];

    /// <summary>The policy shipped in policies/guardrails.default.json (embedded in the assembly).</summary>
    public static GuardrailPolicy Default => DefaultPolicy.Value;

    private static readonly Lazy<GuardrailPolicy> DefaultPolicy =
        new(() => Parse(EmbeddedPolicies.Read("guardrails.default.json"), "policies/guardrails.default.json"));

    /// <summary>Reads a policy file; errors name the file, line and field.</summary>
    public static GuardrailPolicy Load(string path) => PolicyJson.Load<GuardrailPolicy>(path);

    /// <summary>Reads a policy from JSON text; <paramref name="source"/> names it in errors.</summary>
    public static GuardrailPolicy Parse(string json, string source = "<policy>") => PolicyJson.Parse<GuardrailPolicy>(json, source);

    /// <summary>The policy as JSON in the file format.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, PolicyJson.Options);

    void IJsonOnDeserialized.OnDeserialized()
    {
        if (StreamWindow < 16)
            throw new JsonException($"stream_window must be at least 16 characters, got {StreamWindow}");
        if (Reask.MaxAttempts < 0)
            throw new JsonException($"reask.max_attempts must not be negative, got {Reask.MaxAttempts}");
        if (Classifier is { TimeoutSeconds: <= 0 })
            throw new JsonException($"classifier.timeout_seconds must be positive, got {Classifier.TimeoutSeconds}");
        var duplicate = Rules.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new JsonException($"rule id '{duplicate.Key}' appears more than once");
    }
}
