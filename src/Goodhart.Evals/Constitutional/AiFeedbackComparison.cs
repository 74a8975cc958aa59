namespace Goodhart.Evals.Constitutional;

/// <summary>One item to label: a prompt and two candidate responses.</summary>
/// <param name="Prompt">The prompt both responses answer.</param>
/// <param name="ResponseA">The first response.</param>
/// <param name="ResponseB">The second response.</param>
public sealed record AiFeedbackComparison(string Prompt, string ResponseA, string ResponseB);
