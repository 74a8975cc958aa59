namespace Goodhart.Evals.Guardrails;

/// <summary>Where and how the optional model classifier (a Llama-Guard-style safety model) runs.</summary>
public sealed record ClassifierSettings
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
}
