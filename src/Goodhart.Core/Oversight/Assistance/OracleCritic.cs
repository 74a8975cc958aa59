using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Oversight.Assistance;

/// <summary>The critic that knows the truth: the first check that fails (<see cref="ArithmeticChecks.FirstFailing"/>); the gold labels a trained critic learns from.</summary>
public sealed class OracleCritic : ICritic
{
    /// <inheritdoc />
    public string Name => "oracle";

    /// <inheritdoc />
    public FlawCheck[] Critique(IReadOnlyList<ArithmeticPrompt> prompts, IReadOnlyList<ResponseAssessment> responses)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(responses);
        if (prompts.Count != responses.Count)
            throw new ArgumentException($"{prompts.Count} prompts but {responses.Count} responses");
        return [.. prompts.Select((p, i) => ArithmeticChecks.FirstFailing(p, responses[i]))];
    }
}
