namespace Goodhart.Evals.Guardrails;

/// <summary>A cheap deterministic check of one text (patterns, PII, prompt injection, secrets).</summary>
public interface IGuardrailDetector
{
    /// <summary>The detector's name as policies write it (e.g. <c>pii</c>).</summary>
    string Name { get; }

    /// <summary>Every finding in <paramref name="text"/>, in order of position.</summary>
    IReadOnlyList<Detection> Detect(string text);
}
