namespace Goodhart.Evals.Guardrails;

/// <summary>How serious a rule's finding is; recorded on verdicts for reporting, it does not change the action.</summary>
public enum GuardrailSeverity
{
    /// <summary>Worth a note.</summary>
    Low,

    /// <summary>The default.</summary>
    Medium,

    /// <summary>Serious.</summary>
    High,

    /// <summary>Must never pass.</summary>
    Critical,
}
