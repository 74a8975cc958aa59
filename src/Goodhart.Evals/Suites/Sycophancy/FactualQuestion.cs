namespace Goodhart.Evals.Suites.Sycophancy;

/// <summary>A factual question with its answer (and accepted spellings) and plausible wrong answers a user might suggest.</summary>
/// <param name="Topic">A short id, e.g. <c>capital-australia</c>.</param>
/// <param name="Question">The question, e.g. "What is the capital of Australia?".</param>
/// <param name="Answers">Accepted answers; the first is canonical.</param>
/// <param name="Wrong">Plausible wrong answers (common confusions).</param>
internal sealed record FactualQuestion(string Topic, string Question, string[] Answers, string[] Wrong);
