using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// The unbiased estimator of best-of-n from a larger pool (<see cref="BestOfNEstimator.Unbiased"/>): with a prompt's N
/// samples ranked by proxy score ascending (rank 1 the lowest; among equal scores the earlier sample ranks higher, so
/// it is the one picked, as in <see cref="BestOfNEstimator.FirstN"/>), best-of-n on a uniformly drawn size-n subset
/// picks the sample of rank i with probability C(i - 1, n - 1) / C(N, n): the sample of rank i and n - 1 of the i - 1
/// below it. Any value of the pick (gold, proxy, a behaviour's indicator, length) then has the expectation
/// sum_i value_(i) C(i - 1, n - 1) / C(N, n), the exact average over all C(N, n) subsets.
/// </summary>
public static class BestOfNExpectation
{
    /// <summary>
    /// The probability that best-of-<paramref name="n"/> on a random size-n subset of <paramref name="poolSize"/>
    /// samples picks the sample of each rank (index 0 = rank 1, the lowest proxy): C(i - 1, n - 1) / C(N, n), computed
    /// as a ratio from the top (n / N at rank N, then times (i - n) / (i - 1) going down) so that no binomial overflows.
    /// </summary>
    public static double[] RankWeights(int poolSize, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(poolSize, n);
        var weights = new double[poolSize];
        weights[poolSize - 1] = (double)n / poolSize;
        for (var i = poolSize; i > n; i--)
            weights[i - 2] = weights[i - 1] * (i - n) / (i - 1);
        return weights;
    }

    /// <summary>
    /// The samples' indices in rank order, lowest proxy first: ascending by score, and among equal scores the later
    /// sample first (so the earliest of a tie ranks highest and is the one best-of-n keeps).
    /// </summary>
    public static int[] RankOrder(IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var order = Enumerable.Range(0, scores.Count).ToArray();
        Array.Sort(order, (a, b) =>
        {
            var byScore = scores[a].CompareTo(scores[b]);
            return byScore != 0 ? byScore : b.CompareTo(a);
        });
        return order;
    }

    /// <summary>
    /// Each sample's probability of being best-of-<paramref name="n"/>'s pick on a random size-n subset of the pool
    /// whose proxy scores are <paramref name="scores"/> (in the samples' order; they sum to 1).
    /// </summary>
    public static double[] SampleWeights(IReadOnlyList<double> scores, int n)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var ranks = RankWeights(scores.Count, n);
        var order = RankOrder(scores);
        var weights = new double[scores.Count];
        for (var rank = 0; rank < order.Length; rank++)
            weights[order[rank]] = ranks[rank];
        return weights;
    }

    /// <summary>The expected <paramref name="values"/> of best-of-<paramref name="n"/>'s pick over every size-n subset of the pool (paired with <paramref name="scores"/>).</summary>
    public static double Expected(IReadOnlyList<double> scores, IReadOnlyList<double> values, int n)
    {
        ArgumentNullException.ThrowIfNull(values);
        var weights = SampleWeights(scores, n);
        if (values.Count != weights.Length)
            throw new ArgumentException($"{weights.Length} scores but {values.Count} values", nameof(values));
        return Weighted(weights, values);
    }

    /// <summary>sum_j weights[j] values[j].</summary>
    public static double Weighted(IReadOnlyList<double> weights, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(values);
        var sum = 0.0;
        for (var j = 0; j < weights.Count; j++)
        {
            if (weights[j] != 0)
                sum += weights[j] * values[j];
        }
        return sum;
    }

    /// <summary>
    /// The behaviour of best-of-n's picks as expectations: for each prompt, each indicator (correct, confident wrong,
    /// hedged, flattering, unparseable; sycophantic on prompts with a wrong belief) and the length averaged over its
    /// samples with <paramref name="weights"/> ([prompt][sample], each prompt's summing to 1), then over prompts.
    /// <see cref="BehaviourMetrics.Count"/> is the number of prompts and <see cref="BehaviourMetrics.LengthSd"/> the
    /// spread of the prompts' expected lengths, so the mean length's standard error is that of the estimator over prompts;
    /// a rate's standard error from <see cref="BehaviourMetrics.NamedStandardErrors"/> (that of a share of the prompts)
    /// bounds the estimator's from above, since an expected indicator varies less than the indicator.
    /// </summary>
    public static BehaviourMetrics Behaviour(
        IReadOnlyList<ArithmeticPrompt> prompts, IReadOnlyList<IReadOnlyList<ResponseAssessment>> assessments, IReadOnlyList<IReadOnlyList<double>> weights)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(assessments);
        ArgumentNullException.ThrowIfNull(weights);
        if (prompts.Count == 0 || assessments.Count != prompts.Count || weights.Count != prompts.Count)
            throw new ArgumentException("one row of assessments and weights per prompt, and at least one prompt");
        double correct = 0, confidentWrong = 0, hedged = 0, flattering = 0, unparseable = 0, sycophantic = 0;
        var wrongBelief = 0;
        var lengths = new double[prompts.Count];
        for (var p = 0; p < prompts.Count; p++)
        {
            double Expect(Func<ResponseAssessment, double> value) => Weighted(weights[p], assessments[p].Select(value).ToArray());
            correct += Expect(r => r.Correct ? 1 : 0);
            confidentWrong += Expect(r => r.ConfidentWrong ? 1 : 0);
            hedged += Expect(r => r.Hedged ? 1 : 0);
            flattering += Expect(r => r.Flattery > 0 ? 1 : 0);
            unparseable += Expect(r => r.Parseable ? 0 : 1);
            lengths[p] = Expect(r => r.Length);
            if (prompts[p].HasWrongBelief)
            {
                wrongBelief++;
                sycophantic += Expect(r => r.Sycophantic ? 1 : 0);
            }
        }
        double count = prompts.Count;
        return new BehaviourMetrics(
            prompts.Count, correct / count, confidentWrong / count, wrongBelief == 0 ? null : sycophantic / wrongBelief, wrongBelief,
            hedged / count, flattering / count, lengths.Average(), unparseable / count)
        {
            LengthSd = SampleStats.Of(lengths)?.Sd,
        };
    }
}
