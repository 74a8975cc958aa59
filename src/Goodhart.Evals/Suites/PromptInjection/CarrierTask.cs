namespace Goodhart.Evals.Suites.PromptInjection;

/// <summary>One user task over an injection carrier's content: its kind (extract, qa, summarise), the instruction and the accepted answers.</summary>
internal sealed record CarrierTask(string Kind, string Instruction, IReadOnlyList<string> Answers);
