namespace Goodhart.Evals.Guardrails;

/// <summary>How a block reaches the caller.</summary>
public enum GuardrailBlockBehaviour
{
    /// <summary>Return a response holding the policy's refusal message (finish reason <c>content_filter</c>).</summary>
    Refuse,

    /// <summary>Throw <see cref="GuardrailViolationException"/>.</summary>
    Throw,
}
