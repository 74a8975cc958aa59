using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Oversight.Assistance;

/// <summary>
/// Points at the most likely checkable flaw of each response (<see cref="FlawCheck.None"/>: none found). The oracle
/// (<see cref="OracleCritic"/>) knows the truth; a critic the lab trains only guesses, and its guesses may be false.
/// </summary>
public interface ICritic
{
    /// <summary>A short name (<c>oracle</c>, <c>trained</c>).</summary>
    string Name { get; }

    /// <summary>One claim per response to its prompt (paired by index).</summary>
    FlawCheck[] Critique(IReadOnlyList<ArithmeticPrompt> prompts, IReadOnlyList<ResponseAssessment> responses);
}
