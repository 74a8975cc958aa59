using System.Text.Json;
using System.Text.Json.Serialization;

namespace Goodhart.Evals.Guardrails;

/// <summary>
/// Where and how the optional model classifier (a Llama-Guard-style safety model) runs. A policy file's values are
/// checked when it is read: at least one rail, a non-empty taxonomy when one is given, a finite timeout in
/// <see cref="GuardrailPolicy.ClassifierTimeoutRange"/>.
/// </summary>
public sealed record ClassifierSettings : IJsonOnDeserialized
{
    /// <summary>The rails it checks; default input and output.</summary>
    public IReadOnlyList<GuardrailRail> Rails { get; init; } = [GuardrailRail.Input, GuardrailRail.Output];

    /// <summary>The category taxonomy, code to name; null means Llama Guard 3's S1-S14.</summary>
    public IReadOnlyDictionary<string, string>? Categories { get; init; }

    /// <summary>The action on an unsafe verdict; default block.</summary>
    public GuardrailAction Action { get; init; } = GuardrailAction.Block;

    /// <summary>The severity of an unsafe verdict; default high.</summary>
    public GuardrailSeverity Severity { get; init; } = GuardrailSeverity.High;

    /// <summary>Seconds one classification may take before it counts as an error; default 30.</summary>
    public double TimeoutSeconds { get; init; } = 30;

    void IJsonOnDeserialized.OnDeserialized()
    {
        var (min, max) = GuardrailPolicy.ClassifierTimeoutRange;
        if (!double.IsFinite(TimeoutSeconds) || TimeoutSeconds < min || TimeoutSeconds > max)
            throw new JsonException(FormattableString.Invariant($"timeout_seconds must be from {min} to {max} seconds, got {TimeoutSeconds}"));
        if (Categories is { Count: 0 })
            throw new JsonException("categories is empty: give at least one category (code: name), or leave it out for Llama Guard 3's S1-S14");
        if (Categories?.FirstOrDefault(c => string.IsNullOrWhiteSpace(c.Key) || string.IsNullOrWhiteSpace(c.Value)) is { Key: { } key })
            throw new JsonException($"category '{key}' needs a non-empty code and name");
        if (Rails is null || Rails.Count == 0)
            throw new JsonException("rails is empty: give at least one rail, or leave out the classifier section");
    }
}
