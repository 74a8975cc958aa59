using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;
using Goodhart.Learning.Generation;
using Goodhart.Learning.Models;
using Goodhart.Learning.Text;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// Evaluates policies on a fixed set of held-out prompts: one sample per prompt from the policy's own distribution,
/// scored by the gold reward (and by a proxy scorer when given), decomposed into behaviour metrics, and the
/// sequence-level KL to the frozen reference estimated on those samples (DPO paper, section 6.1). Every evaluation
/// draws from a generator reseeded with the same seed, so successive points of a run differ only by the policy.
/// </summary>
public sealed class PolicyEvaluator
{
    private const ulong SamplingStream = 0xE7A1;

    /// <summary>
    /// An evaluator against <paramref name="reference"/> on <paramref name="prompts"/>. Sampling must be at
    /// temperature 1 without top-k or top-p, so the samples come from the policy itself and the KL estimate is
    /// unbiased (default: at most 96 new tokens).
    /// </summary>
    public PolicyEvaluator(
        CausalLanguageModel reference,
        IReadOnlyList<ArithmeticPrompt> prompts,
        SamplingOptions? sampling = null,
        ulong seed = 0,
        GoldReward? gold = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(prompts);
        if (prompts.Count == 0)
        {
            throw new ArgumentException("No prompts to evaluate on.", nameof(prompts));
        }

        Sampling = sampling ?? new SamplingOptions { MaxNewTokens = 96 };
        Sampling.Validate();
        if (Sampling.Temperature != 1 || Sampling.TopK != 0 || Sampling.TopP != 1)
        {
            throw new ArgumentException(
                $"Evaluation samples must come from the policy itself (temperature 1, no top-k or top-p) for the KL estimate; got {Sampling}.");
        }

        Reference = reference;
        Prompts = prompts;
        Seed = seed;
        Gold = gold ?? new GoldReward();
    }

    /// <summary>The frozen reference policy pi_ref.</summary>
    public CausalLanguageModel Reference { get; }

    /// <summary>The held-out prompts.</summary>
    public IReadOnlyList<ArithmeticPrompt> Prompts { get; }

    /// <summary>How the samples are drawn.</summary>
    public SamplingOptions Sampling { get; }

    /// <summary>Seed of the sampling generator (the same at every evaluation).</summary>
    public ulong Seed { get; }

    /// <summary>The gold reward.</summary>
    public GoldReward Gold { get; }

    /// <summary>Rows sampled and scored at once; default 128.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Evaluates <paramref name="policy"/> at <paramref name="step"/>, with the proxy's score when <paramref name="scorer"/> is given.</summary>
    public PolicyEvaluation Evaluate(CausalLanguageModel policy, long step, IRewardScorer? scorer = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var device = policy.Backbone.TokenEmbedding.device;
        using var generator = TorchRuntime.CreateGenerator(Seed, SamplingStream, device);
        var promptTexts = Prompts.Select(p => p.Text).ToArray();
        var promptTokens = promptTexts.Select(CharTokenizer.Encode).ToArray();
        var responseTokens = new List<int[]>(Prompts.Count);
        for (var start = 0; start < promptTokens.Length; start += BatchSize)
        {
            var chunk = promptTokens.Skip(start).Take(BatchSize).ToArray();
            responseTokens.AddRange(Sampler.Generate(policy, chunk, Sampling, generator));
        }

        var policyLogProbs = SequenceScoring.SequenceLogProbs(policy, promptTokens, responseTokens, BatchSize);
        var referenceLogProbs = SequenceScoring.SequenceLogProbs(Reference, promptTokens, responseTokens, BatchSize);
        var logRatios = policyLogProbs.Select((l, i) => l - referenceLogProbs[i]).ToArray();
        var responses = responseTokens.Select(CharTokenizer.Decode).ToArray();
        var gold = SampleStats.Of(Prompts.Select((p, i) => Gold.Score(p, responses[i])).ToArray())!;
        var proxy = scorer is null ? null : SampleStats.Of(scorer.Score(promptTexts, responses));
        return new PolicyEvaluation(
            step,
            gold.Mean,
            logRatios.Average(),
            StandardError(logRatios),
            proxy?.Mean,
            BehaviourMetrics.Of(Prompts, responses, Gold.Parser),
            responses)
        {
            GoldStandardError = gold.Se,
            ProxyStandardError = proxy?.Se,
        };
    }

    private static double StandardError(double[] values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        return Math.Sqrt(variance / values.Length);
    }
}
