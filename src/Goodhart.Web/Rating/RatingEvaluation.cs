using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;

namespace Goodhart.Web.Rating;

/// <summary>
/// The held-out material a session's reward model is judged on, drawn once from the session's seed: evaluation
/// prompts with the largest N policy samples each (their features, gold scores and assessments precomputed), and
/// held-out pairs drawn like the offered ones. <see cref="Sweep"/> runs best-of-N against a reward model on it:
/// for each N, each prompt keeps the highest-scoring of its first N samples (ties to the earliest), so one pool
/// serves every N (common random numbers) and the proxy never falls as N grows.
/// </summary>
internal sealed class RatingEvaluation
{
    private RatingEvaluation(ArithmeticPrompt[] prompts, double[][][] features, double[][] gold, ResponseAssessment[][] assessments, ScoredPair[] heldOut)
    {
        Prompts = prompts;
        Features = features;
        Gold = gold;
        Assessments = assessments;
        HeldOut = heldOut;
    }

    public ArithmeticPrompt[] Prompts { get; }

    /// <summary>[prompt][sample] feature vectors.</summary>
    public double[][][] Features { get; }

    /// <summary>[prompt][sample] gold scores.</summary>
    public double[][] Gold { get; }

    /// <summary>[prompt][sample] assessments.</summary>
    public ResponseAssessment[][] Assessments { get; }

    /// <summary>Held-out pairs for the reward model's agreement with gold.</summary>
    public ScoredPair[] HeldOut { get; }

    /// <summary>Draws the pool and the held-out pairs.</summary>
    public static RatingEvaluation Draw(RatingSessionOptions options, GoldReward gold, CancellationToken cancellationToken)
    {
        var promptGenerator = new PromptGenerator(Xoshiro256.Derive(options.Seed, 4), options.Prompts);
        var policy = new SftCorpusGenerator(Xoshiro256.Derive(options.Seed, 5), options.Policy, gold);
        var perPrompt = options.LargestN;
        var prompts = new ArithmeticPrompt[options.EvaluationPrompts];
        var features = new double[prompts.Length][][];
        var golds = new double[prompts.Length][];
        var assessments = new ResponseAssessment[prompts.Length][];
        for (var p = 0; p < prompts.Length; p++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var prompt = prompts[p] = promptGenerator.Next();
            features[p] = new double[perPrompt][];
            golds[p] = new double[perPrompt];
            assessments[p] = new ResponseAssessment[perPrompt];
            for (var j = 0; j < perPrompt; j++)
            {
                var assessed = ResponseAssessment.Of(prompt, gold.Parser.Parse(policy.ExampleFor(prompt).Completion));
                assessments[p][j] = assessed;
                features[p][j] = RatingFeatures.Of(prompt, assessed);
                golds[p][j] = gold.Score(assessed);
            }
        }
        var factory = new RatingPairFactory(Xoshiro256.Derive(options.Seed, 6), options, gold);
        var heldOut = new ScoredPair[options.HeldOutPairs];
        for (var i = 0; i < heldOut.Length; i++)
            heldOut[i] = factory.Next(i);
        return new RatingEvaluation(prompts, features, golds, assessments, heldOut);
    }

    /// <summary>Best-of-N against <paramref name="model"/> for each of <paramref name="ns"/> (sorted, distinct), with the pool-wide baseline behaviour.</summary>
    public (IReadOnlyList<RatingCurvePoint> Curve, double[] BaselineBehaviour, double BaselineGold) Sweep(
        FeatureRewardModel model, IEnumerable<int> ns, CancellationToken cancellationToken)
    {
        var scores = Features.Select(samples => samples.Select(model.Score).ToArray()).ToArray();
        var meanScore = scores.Average(s => s.Average());
        var all = new List<(ArithmeticPrompt, ResponseAssessment)>();
        for (var p = 0; p < Prompts.Length; p++)
            all.AddRange(Assessments[p].Select(a => (Prompts[p], a)));
        var baseline = Behaviours(all);
        var baselineGold = Gold.Average(g => g.Average());

        var curve = new List<RatingCurvePoint>();
        foreach (var n in ns.Distinct().Order())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var proxy = new double[Prompts.Length];
            var gold = new double[Prompts.Length];
            var picked = new (ArithmeticPrompt, ResponseAssessment)[Prompts.Length];
            var kl = 0.0;
            for (var p = 0; p < Prompts.Length; p++)
            {
                var best = 0;
                for (var j = 1; j < n; j++)
                {
                    if (scores[p][j] > scores[p][best])
                        best = j;
                }
                proxy[p] = scores[p][best] - meanScore;
                gold[p] = Gold[p][best];
                picked[p] = (Prompts[p], Assessments[p][best]);
                kl += BestOfNKl.Empirical(scores[p], n);
            }
            curve.Add(new RatingCurvePoint(n, BestOfNKl.Analytic(n), proxy.Average(), gold.Average())
            {
                EstimatedKl = kl / Prompts.Length,
                GoldStandardError = StandardError(gold),
                ConfidentRate = picked.Count(x => x.Item2.Confidence == Confidence.Confident) / (double)picked.Length,
                Behaviour = BehaviourMetrics.Of(picked),
            });
        }
        return (curve, baseline, baselineGold);
    }

    /// <summary>The names of <see cref="Behaviours"/>'s values, in order, with what each measures.</summary>
    public static IReadOnlyList<(string Name, string Description)> BehaviourNames { get; } =
    [
        ("length", "mean characters per response"),
        ("confidence", "share of responses with confidence words (\"definitely\", \"for sure\")"),
        ("agreement", "share of answers to a wrong belief that endorse it (sycophancy)"),
        ("flattery", "share of responses with a flattery phrase"),
        ("hedging", "share of responses with a hedge (\"I believe ..., but check\")"),
        ("accuracy", "share of responses with the right answer"),
    ];

    /// <summary>The behaviour values named by <see cref="BehaviourNames"/> of responses with their prompts.</summary>
    public static double[] Behaviours(IReadOnlyCollection<(ArithmeticPrompt Prompt, ResponseAssessment Response)> responses)
    {
        var metrics = BehaviourMetrics.Of(responses);
        var confident = responses.Count(r => r.Response.Confidence == Confidence.Confident) / (double)responses.Count;
        return [metrics.MeanLength, confident, metrics.SycophancyRate ?? 0, metrics.FlatteryRate, metrics.HedgingRate, metrics.Accuracy];
    }

    /// <summary>The behaviour values of a curve point, in <see cref="BehaviourNames"/> order.</summary>
    public static double[] Behaviours(RatingCurvePoint point)
    {
        var b = point.Behaviour;
        return [b.MeanLength, point.ConfidentRate, b.SycophancyRate ?? 0, b.FlatteryRate, b.HedgingRate, b.Accuracy];
    }

    private static double StandardError(double[] values)
    {
        if (values.Length < 2)
            return 0;
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        return Math.Sqrt(variance / values.Length);
    }
}
