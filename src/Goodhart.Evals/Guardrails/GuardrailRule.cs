using System.Text.Json;
using System.Text.Json.Serialization;

namespace Goodhart.Evals.Guardrails;

/// <summary>
/// One policy rule: which rails it checks, which detector finds what (with its options), and what to do about it.
/// </summary>
public sealed record GuardrailRule : IJsonOnDeserialized
{
    /// <summary>The detectors a policy file may name.</summary>
    public static readonly IReadOnlyList<string> DetectorNames = ["pattern", "pii", "prompt_injection", "secrets"];

    /// <summary>The rule's id (appears on verdicts).</summary>
    public required string Id { get; init; }

    /// <summary>The rails it checks.</summary>
    public required IReadOnlyList<GuardrailRail> Rails { get; init; }

    /// <summary>The detector: <c>pattern</c>, <c>pii</c>, <c>prompt_injection</c> or <c>secrets</c>.</summary>
    [JsonConverter(typeof(DetectorNameConverter))]
    public required string Detector { get; init; }

    /// <summary>The detector's types to report (e.g. <c>["email", "credit_card"]</c>); null or empty reports all.</summary>
    public IReadOnlyList<string>? Types { get; init; }

    /// <summary>Regular expressions (.NET syntax) of a <c>pattern</c> rule.</summary>
    [JsonConverter(typeof(RegexListConverter))]
    public IReadOnlyList<string>? Patterns { get; init; }

    /// <summary>Keywords (whole words, case-insensitive) of a <c>pattern</c> rule.</summary>
    public IReadOnlyList<string>? Keywords { get; init; }

    /// <summary>A category recorded on verdicts (e.g. a taxonomy code such as <c>S9</c>).</summary>
    public string? Category { get; init; }

    /// <summary>The severity; default medium.</summary>
    public GuardrailSeverity Severity { get; init; } = GuardrailSeverity.Medium;

    /// <summary>The action; default block.</summary>
    public GuardrailAction Action { get; init; } = GuardrailAction.Block;

    /// <summary>A detector given in code instead of by name (not in policy files).</summary>
    [JsonIgnore]
    public IGuardrailDetector? CustomDetector { get; init; }

    /// <summary>The rule's detector.</summary>
    public IGuardrailDetector CreateDetector() => CustomDetector ?? Detector switch
    {
        "pattern" => new PatternDetector(Patterns, Keywords),
        "pii" => new PiiDetector(Types),
        "prompt_injection" => new PromptInjectionDetector(Types),
        "secrets" => new SecretDetector(Types),
        _ => throw new ArgumentException($"unknown detector '{Detector}'; expected one of {string.Join(", ", DetectorNames)}"),
    };

    void IJsonOnDeserialized.OnDeserialized()
    {
        // Runs before the serializer's own check of required properties, so say which are missing here.
        var missing = new[] { ("id", Id is null), ("rails", Rails is null), ("detector", Detector is null) }.Where(m => m.Item2).Select(m => m.Item1).ToList();
        if (missing.Count > 0)
            throw new JsonException($"a rule is missing required properties: {string.Join(", ", missing)}");
        if (Rails!.Count == 0)
            throw new JsonException($"rule '{Id}' has no rails");
        try
        {
            CreateDetector();
        }
        catch (ArgumentException e)
        {
            throw new JsonException($"rule '{Id}': {e.Message}", e);
        }
    }
}
