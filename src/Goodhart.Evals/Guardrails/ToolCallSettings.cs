namespace Goodhart.Evals.Guardrails;

/// <summary>The tool-call rail's allow and deny lists of function names (exact, case-sensitive).</summary>
public sealed record ToolCallSettings
{
    /// <summary>The only functions the model may call; null allows every function not denied.</summary>
    public IReadOnlyList<string>? Allow { get; init; }

    /// <summary>Functions the model may never call.</summary>
    public IReadOnlyList<string> Deny { get; init; } = [];

    /// <summary>The action on a call outside the lists; default block.</summary>
    public GuardrailAction Action { get; init; } = GuardrailAction.Block;

    /// <summary>The severity of such a call; default high.</summary>
    public GuardrailSeverity Severity { get; init; } = GuardrailSeverity.High;

    /// <summary>Why <paramref name="name"/> may not be called, or null when it may.</summary>
    public string? Refusal(string name)
    {
        if (Deny.Contains(name, StringComparer.Ordinal))
            return "function is on the deny list";
        if (Allow is not null && !Allow.Contains(name, StringComparer.Ordinal))
            return "function is not on the allow list";
        return null;
    }
}
