namespace Goodhart.Evals.Guardrails;

/// <summary>A typed span of a checked text (offsets only, never the matched text, so verdicts can be logged safely).</summary>
/// <param name="Type">What was found (e.g. <c>email</c>, <c>credit_card</c>, <c>openai_key</c>).</param>
/// <param name="Start">Offset of the first character.</param>
/// <param name="Length">Number of characters.</param>
public sealed record GuardrailSpan(string Type, int Start, int Length)
{
    /// <summary>Offset just past the last character.</summary>
    public int End => Start + Length;
}
