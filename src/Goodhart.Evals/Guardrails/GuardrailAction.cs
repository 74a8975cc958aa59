namespace Goodhart.Evals.Guardrails;

/// <summary>What a rule does when it fires (Guardrails AI's on-fail actions), ordered from weakest to strongest.</summary>
public enum GuardrailAction
{
    /// <summary>Record the verdict only.</summary>
    LogOnly,

    /// <summary>Replace the matched spans with <c>[REDACTED:type]</c>.</summary>
    Redact,

    /// <summary>Ask the model again with a correction instruction (output rails; bounded attempts, then block).</summary>
    Reask,

    /// <summary>Refuse: return the policy's refusal message, or throw <see cref="GuardrailViolationException"/>.</summary>
    Block,
}
