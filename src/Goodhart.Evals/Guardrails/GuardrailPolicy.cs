using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Goodhart.Evals.Guardrails;

/// <summary>
/// A guardrail policy: the rules, the tool-call lists, the optional model classifier, and how blocks, re-asks,
/// classifier failures and streams are handled. Loaded from JSON (format in docs/guardrails.md) or built in code.
/// </summary>
public sealed record GuardrailPolicy : IJsonOnDeserialized
{
    /// <summary>The default of <see cref="MaxInputChars"/>.</summary>
    public const int DefaultMaxInputChars = 1_048_576;

    /// <summary>The documented ranges of the policy's numbers (checked when a policy file is read).</summary>
    public static readonly (int Min, int Max) StreamWindowRange = (16, 65_536), MaxInputCharsRange = (1_024, 16_777_216), ReaskAttemptsRange = (0, 10);

    /// <summary>The documented range of <c>classifier.timeout_seconds</c>.</summary>
    public static readonly (double Min, double Max) ClassifierTimeoutRange = (0.1, 600);

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

    /// <summary>Characters of recent text the incremental streaming mode re-checks with each update; default 256 (16 to 65,536).</summary>
    public int StreamWindow { get; init; } = 256;

    /// <summary>
    /// The longest text the rules check, in characters; default 1,048,576 (1,024 to 16,777,216). A longer text is checked
    /// up to this length and gets an <c>input_too_long</c> verdict, which blocks under <c>fail_mode: closed</c>.
    /// </summary>
    public int MaxInputChars { get; init; } = DefaultMaxInputChars;

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

    /// <summary>
    /// The lower-case hex SHA-256 of the policy's content in its canonical form (<see cref="ToJson"/>: every field, defaults
    /// written out), so comments and formatting do not change it but any rule, setting or name does. Detectors given in
    /// code (<see cref="GuardrailRule.CustomDetector"/>) are not part of it.
    /// </summary>
    public string ContentHash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToJson())));

    /// <summary>
    /// The policy's identity in labels, logs and response-cache keys: <c>NAME@sha256:</c> and the first 12 hex digits of
    /// <see cref="ContentHash"/> (e.g. <c>default@sha256:caf140257ade</c>), so two different policies that share a name
    /// never share a label or a cached answer.
    /// </summary>
    public string Identity() => $"{Name}@sha256:{ContentHash()[..12]}";

    void IJsonOnDeserialized.OnDeserialized()
    {
        CheckRange("stream_window", StreamWindow, StreamWindowRange);
        CheckRange("max_input_chars", MaxInputChars, MaxInputCharsRange);
        var duplicate = Rules.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new JsonException($"rule id '{duplicate.Key}' appears more than once");
    }

    internal static void CheckRange(string field, int value, (int Min, int Max) range)
    {
        if (value < range.Min || value > range.Max)
            throw new JsonException(FormattableString.Invariant($"{field} must be from {range.Min} to {range.Max}, got {value}"));
    }
}
