using Goodhart.Core.Rlhf;
using Goodhart.Learning.Generation;
using Goodhart.Learning.Models;
using Goodhart.Learning.Text;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// Builds a preference dataset the way the RLHF pipeline does: two samples from a policy (usually the SFT policy)
/// for each prompt, labelled by a simulated rater (<see cref="PreferenceLabeller"/>). Pairs whose two responses are
/// the same text are skipped (they carry no preference). The same seed gives the same pairs.
/// </summary>
public static class PreferencePairSampler
{
    private const ulong SamplingStream = 0x9A15;

    /// <summary>
    /// Labelled pairs for <paramref name="prompts"/> (at most one per prompt), sampled with <paramref name="sampling"/>
    /// (default: temperature 1, at most 96 new tokens) in batches of <paramref name="batchSize"/>.
    /// </summary>
    public static IReadOnlyList<PreferencePair> Sample(
        CausalLanguageModel policy,
        IReadOnlyList<ArithmeticPrompt> prompts,
        PreferenceLabeller labeller,
        SamplingOptions? sampling = null,
        ulong seed = 0,
        int batchSize = 128)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(labeller);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        sampling ??= new SamplingOptions { MaxNewTokens = 96 };
        using var generator = TorchRuntime.CreateGenerator(seed, SamplingStream, policy.Backbone.TokenEmbedding.device);
        var pairs = new List<PreferencePair>(prompts.Count);
        for (var start = 0; start < prompts.Count; start += batchSize)
        {
            var chunk = prompts.Skip(start).Take(batchSize).ToArray();
            var tokens = chunk.Select(p => CharTokenizer.Encode(p.Text)).ToArray();
            var first = Sampler.Generate(policy, tokens, sampling, generator);
            var second = Sampler.Generate(policy, tokens, sampling, generator);
            for (var i = 0; i < chunk.Length; i++)
            {
                var (a, b) = (CharTokenizer.Decode(first[i]), CharTokenizer.Decode(second[i]));
                if (a != b)
                {
                    pairs.Add(labeller.Label(chunk[i], a, b));
                }
            }
        }

        return pairs;
    }
}
