namespace Goodhart.Evals.Suites.PromptInjection;

/// <summary>An injection carrier: its type, its text with the injection marker, and the user's tasks over it.</summary>
internal sealed record Carrier(string Type, string Text, IReadOnlyList<CarrierTask> Tasks);
