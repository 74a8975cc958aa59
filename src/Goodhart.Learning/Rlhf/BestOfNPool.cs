using Goodhart.Core.Rlhf;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// The samples a best-of-n sweep chooses from: for each prompt, the same number of policy responses in the order
/// they were drawn (best-of-n for any n up to that number uses the first n).
/// </summary>
public sealed record BestOfNPool(IReadOnlyList<ArithmeticPrompt> Prompts, IReadOnlyList<IReadOnlyList<string>> Responses)
{
    /// <summary>Responses per prompt.</summary>
    public int PerPrompt => Responses.Count == 0 ? 0 : Responses[0].Count;

    /// <summary>Throws <see cref="ArgumentException"/> unless every prompt has the same positive number of responses.</summary>
    public void Validate()
    {
        if (Prompts.Count == 0 || Prompts.Count != Responses.Count || Responses.Any(r => r.Count != PerPrompt) || PerPrompt == 0)
        {
            throw new ArgumentException("A best-of-n pool needs the same positive number of responses for every prompt.");
        }
    }
}
