using Goodhart.Core.Rlhf;
using Goodhart.Learning.Models;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// Best-of-n sampling against a scorer, with the gold reward tracked beside it (Gao et al. 2022): for each prompt,
/// draw n responses from the policy and keep the one the scorer rates highest. One pool of samples per prompt serves
/// the whole sweep and every scorer (common random numbers). By default each n's value is the unbiased estimator over
/// every size-n subset of the pool (<see cref="BestOfNExpectation"/>, as Gao et al. and Nakano et al. 2021); with
/// <see cref="BestOfNEstimator.FirstN"/> it is the pick among the pool's first n samples. Each distinct response is
/// scored once per prompt. Ties go to the earliest sample.
/// </summary>
public static class BestOfN
{
    private const ulong SampleStream = 0xB0A;

    /// <summary>Samples a pool and sweeps it against each of <paramref name="proxies"/> (one curve each).</summary>
    public static IReadOnlyList<BestOfNCurve> Run(
        CausalLanguageModel policy,
        IReadOnlyList<ArithmeticPrompt> prompts,
        IReadOnlyList<IRewardScorer> proxies,
        BestOfNOptions options,
        GoldReward? gold = null,
        IProgress<int>? sampled = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proxies);
        var pool = Sample(policy, prompts, options, sampled, cancellationToken);
        return proxies.Select(proxy => Evaluate(pool, proxy, options.Ns, gold, options.Estimator)).ToArray();
    }

    /// <summary>Draws <see cref="BestOfNOptions.Samples"/> responses per prompt from the policy.</summary>
    public static BestOfNPool Sample(
        CausalLanguageModel policy,
        IReadOnlyList<ArithmeticPrompt> prompts,
        BestOfNOptions options,
        IProgress<int>? sampled = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        using var generator = TorchRuntime.CreateGenerator(options.Seed, SampleStream, RewardModel.DeviceOf(policy));
        var responses = ResponseSampling.Sample(
            policy, prompts.Select(p => p.Text).ToArray(), options.Samples, options.Sampling, generator, options.SampleBatchSize, sampled, cancellationToken);
        return new BestOfNPool(prompts, responses);
    }

    /// <summary>
    /// The sweep over <paramref name="ns"/> (each at most the pool's size) of best-of-n against <paramref name="proxy"/>
    /// on <paramref name="pool"/>: proxy, gold and behaviour of the picks (with <see cref="BestOfNEstimator.Unbiased"/>,
    /// their expectations over every size-n subset of the pool), analytic and estimated KL.
    /// </summary>
    public static BestOfNCurve Evaluate(
        BestOfNPool pool, IRewardScorer proxy, IReadOnlyList<int> ns, GoldReward? gold = null, BestOfNEstimator estimator = BestOfNEstimator.Unbiased)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(proxy);
        ArgumentNullException.ThrowIfNull(ns);
        pool.Validate();
        if (ns.Count == 0 || ns.Any(n => n < 1 || n > pool.PerPrompt))
        {
            throw new ArgumentException($"Every n must lie in 1..{pool.PerPrompt} (the pool's size), not [{string.Join(", ", ns)}].", nameof(ns));
        }

        gold ??= new GoldReward();
        var (proxyScores, goldScores, assessments) = ScorePool(pool, proxy, gold);
        var prompts = pool.Prompts.Count;
        var baselineProxy = proxyScores.Average(s => s.Average());
        var baselineGold = goldScores.Average(s => s.Average());

        var points = new List<BestOfNPoint>();
        foreach (var n in ns.Distinct().Order())
        {
            var pickedProxy = new double[prompts];
            var pickedGold = new double[prompts];
            var picked = new (ArithmeticPrompt, ResponseAssessment)[prompts];
            var weights = new double[prompts][];
            var kl = 0.0;
            for (var p = 0; p < prompts; p++)
            {
                if (estimator == BestOfNEstimator.Unbiased)
                {
                    weights[p] = BestOfNExpectation.SampleWeights(proxyScores[p], n);
                    pickedProxy[p] = BestOfNExpectation.Weighted(weights[p], proxyScores[p]);
                    pickedGold[p] = BestOfNExpectation.Weighted(weights[p], goldScores[p]);
                }
                else
                {
                    var best = FirstOfBest(proxyScores[p], n);
                    pickedProxy[p] = proxyScores[p][best];
                    pickedGold[p] = goldScores[p][best];
                    picked[p] = (pool.Prompts[p], assessments[p][best]);
                }

                kl += BestOfNKl.Empirical(proxyScores[p], n);
            }

            var behaviour = estimator == BestOfNEstimator.Unbiased
                ? BestOfNExpectation.Behaviour(pool.Prompts, assessments, weights)
                : BehaviourMetrics.Of(picked);
            points.Add(new BestOfNPoint(
                n,
                BestOfNKl.Analytic(n),
                kl / prompts,
                pickedProxy.Average(),
                pickedGold.Average(),
                StandardError(pickedGold),
                behaviour)
            {
                PromptGold = pickedGold,
                ProxyStandardError = StandardError(pickedProxy),
            });
        }

        return new BestOfNCurve(proxy.Name, baselineProxy, baselineGold, points);
    }

    /// <summary>The first of the highest-scoring among the first <paramref name="n"/> samples.</summary>
    private static int FirstOfBest(double[] scores, int n)
    {
        var best = 0;
        for (var j = 1; j < n; j++)
        {
            if (scores[j] > scores[best])
            {
                best = j;
            }
        }

        return best;
    }

    /// <summary>Proxy score, gold score and assessment of every sample ([prompt][sample]), each distinct response scored once.</summary>
    private static (double[][] Proxy, double[][] Gold, ResponseAssessment[][] Assessments) ScorePool(
        BestOfNPool pool, IRewardScorer proxy, GoldReward gold)
    {
        var distinctPrompts = new List<string>();
        var distinctResponses = new List<string>();
        var distinctAssessments = new List<ResponseAssessment>();
        var index = new int[pool.Prompts.Count][];
        for (var p = 0; p < pool.Prompts.Count; p++)
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            index[p] = new int[pool.PerPrompt];
            for (var j = 0; j < pool.PerPrompt; j++)
            {
                var response = pool.Responses[p][j];
                if (!seen.TryGetValue(response, out var id))
                {
                    id = distinctResponses.Count;
                    seen[response] = id;
                    distinctPrompts.Add(pool.Prompts[p].Text);
                    distinctResponses.Add(response);
                    distinctAssessments.Add(ResponseAssessment.Of(pool.Prompts[p], gold.Parser.Parse(response)));
                }

                index[p][j] = id;
            }
        }

        var proxyScores = proxy.Score(distinctPrompts, distinctResponses);
        var goldScores = distinctAssessments.Select(gold.Score).ToArray();
        return (
            index.Select(ids => ids.Select(id => proxyScores[id]).ToArray()).ToArray(),
            index.Select(ids => ids.Select(id => goldScores[id]).ToArray()).ToArray(),
            index.Select(ids => ids.Select(id => distinctAssessments[id]).ToArray()).ToArray());
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
