using System.Globalization;
using Goodhart.Learning.Generation;
using Goodhart.Learning.Models;
using Goodhart.Learning.Text;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// DPO's implicit reward model (Rafailov et al. 2023, section 5): the reward a DPO policy defines,
/// r(x, y) = beta * (log pi(y | x) - log pi_ref(y | x)), up to a per-prompt constant that best-of-n and pairwise
/// comparisons ignore. RewardBench scores DPO models as reward models this way. Each response is scored as DPO
/// trained on it: its characters followed by eos (eos is left off a response that would not fit in the context with it).
/// </summary>
public sealed class ImplicitRewardScorer : IRewardScorer
{
    /// <summary>The implicit reward of <paramref name="policy"/> against <paramref name="reference"/> with DPO's <paramref name="beta"/>.</summary>
    public ImplicitRewardScorer(CausalLanguageModel policy, CausalLanguageModel reference, double beta, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(beta);
        if (policy.Options.ContextLength != reference.Options.ContextLength)
        {
            throw new ArgumentException(
                $"Policy and reference contexts differ ({policy.Options.ContextLength} vs {reference.Options.ContextLength}).", nameof(reference));
        }

        Policy = policy;
        Reference = reference;
        Beta = beta;
        Name = name ?? string.Create(CultureInfo.InvariantCulture, $"dpo-implicit-beta-{beta}");
    }

    /// <summary>The DPO-trained policy pi.</summary>
    public CausalLanguageModel Policy { get; }

    /// <summary>The reference pi_ref DPO was trained against (the SFT policy).</summary>
    public CausalLanguageModel Reference { get; }

    /// <summary>DPO's beta, the scale of the implicit reward.</summary>
    public double Beta { get; }

    /// <summary>Rows scored at once; default 128.</summary>
    public int BatchSize { get; init; } = 128;

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public double[] Score(IReadOnlyList<string> prompts, IReadOnlyList<string> responses)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(responses);
        if (prompts.Count != responses.Count)
        {
            throw new ArgumentException($"{prompts.Count} prompts but {responses.Count} responses.");
        }

        if (prompts.Count == 0)
        {
            return [];
        }

        var context = Policy.Options.ContextLength;
        var promptTokens = new int[prompts.Count][];
        var responseTokens = new int[prompts.Count][];
        for (var i = 0; i < prompts.Count; i++)
        {
            promptTokens[i] = CharTokenizer.Encode(prompts[i]);
            var response = CharTokenizer.Encode(responses[i]);
            responseTokens[i] = promptTokens[i].Length + response.Length < context ? [.. response, CharTokenizer.Eos] : response;
            if (responseTokens[i].Length == 0 || promptTokens[i].Length + responseTokens[i].Length > context)
            {
                throw new ArgumentException($"Response {i} is empty or does not fit in the context of {context} tokens with its prompt.");
            }
        }

        var policy = SequenceScoring.SequenceLogProbs(Policy, promptTokens, responseTokens, BatchSize);
        var reference = SequenceScoring.SequenceLogProbs(Reference, promptTokens, responseTokens, BatchSize);
        return policy.Select((l, i) => Beta * (l - reference[i])).ToArray();
    }
}
