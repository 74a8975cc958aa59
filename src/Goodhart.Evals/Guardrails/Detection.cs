namespace Goodhart.Evals.Guardrails;

/// <summary>One finding of a detector in a text: its type, where it is, and why (the reason never quotes the text).</summary>
/// <param name="Type">What was found (e.g. <c>email</c>, <c>ignore_instructions</c>).</param>
/// <param name="Start">Offset of the first character.</param>
/// <param name="Length">Number of characters.</param>
/// <param name="Reason">A short explanation that does not contain the matched text.</param>
public sealed record Detection(string Type, int Start, int Length, string Reason)
{
    /// <summary>The finding as a span.</summary>
    public GuardrailSpan ToSpan() => new(Type, Start, Length);
}
