using CsCheck;
using Goodhart.Core.Rlhf;
using Goodhart.Learning.Rlhf;

namespace Goodhart.Learning.Tests.Rlhf;

public sealed class BestOfNExpectationTests
{
    [Fact]
    public void Hand_case_three_samples_best_of_two()
    {
        // Subsets {0,1} -> 1 (20), {0,2} -> 2 (30), {1,2} -> 1 (20): mean 70/3.
        Assert.Equal(70.0 / 3, BestOfNExpectation.Expected([1, 3, 2], [10, 20, 30], 2), 12);
        Assert.Equal([0, 1.0 / 3, 2.0 / 3], BestOfNExpectation.RankWeights(3, 2));
        Assert.Equal(20.0, BestOfNExpectation.Expected([1, 3, 2], [10, 20, 30], 3), 12);
        Assert.Equal(20.0, BestOfNExpectation.Expected([1, 3, 2], [10, 20, 30], 1), 12);
    }

    [Fact]
    public void Ties_go_to_the_earlier_sample()
    {
        // Samples 0 and 2 tie on the top score: best-of-3 keeps sample 0; best-of-2 keeps 0 in {0,1} and {0,2}, 2 in {1,2}.
        Assert.Equal([1, 3, 2, 0], BestOfNExpectation.RankOrder([5, 1, 5, 2]));
        Assert.Equal(10.0, BestOfNExpectation.Expected([5, 1, 5], [10, 20, 30], 3), 12);
        Assert.Equal((10 + 10 + 30) / 3.0, BestOfNExpectation.Expected([5, 1, 5], [10, 20, 30], 2), 12);
    }

    [Fact]
    public void Rank_weights_are_a_distribution_without_overflow()
    {
        foreach (var (pool, n) in new[] { (1, 1), (8, 1), (8, 8), (128, 64), (4096, 2048), (4096, 1) })
        {
            var w = BestOfNExpectation.RankWeights(pool, n);
            Assert.Equal(1.0, w.Sum(), 9);
            Assert.All(w, x => Assert.True(x >= 0 && double.IsFinite(x)));
            Assert.All(w.Take(n - 1), x => Assert.Equal(0.0, x));
            Assert.Equal((double)n / pool, w[^1], 12);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => BestOfNExpectation.RankWeights(3, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => BestOfNExpectation.RankWeights(3, 0));
    }

    [Fact]
    public void Equals_the_average_over_every_subset_of_the_pool()
    {
        // Scores from a few values, so that ties are common; best-of-n on a subset keeps its first highest-scoring sample.
        Gen.Int[1, 7].SelectMany(size => Gen.Int[1, size].Select(Gen.Int[0, 3].Array[size], Gen.Double[-5, 5].Array[size]))
            .Sample((n, scores, values) =>
            {
                double[] proxy = [.. scores.Select(s => (double)s)];
                var size = proxy.Length;
                double sum = 0;
                var subsets = 0;
                for (var mask = 0; mask < 1 << size; mask++)
                {
                    if (System.Numerics.BitOperations.PopCount((uint)mask) != n)
                        continue;
                    var best = -1;
                    for (var j = 0; j < size; j++)
                    {
                        if ((mask & (1 << j)) != 0 && (best < 0 || proxy[j] > proxy[best]))
                            best = j;
                    }
                    sum += values[best];
                    subsets++;
                }
                return Math.Abs((sum / subsets) - BestOfNExpectation.Expected(proxy, values, n)) < 1e-9;
            });
    }

    [Fact]
    public void Best_of_n_takes_the_expectation_over_the_pool_by_default()
    {
        var prompt = new ArithmeticPrompt(2, '+', 3);
        var pool = new BestOfNPool([prompt], [[" It's 1.", " It's 5.", " It's 3.", " It's 50."]]);
        var proxy = new Preferences.FunctionScorer("number", r => double.Parse(new string(r.Where(char.IsDigit).ToArray())));

        var curve = BestOfN.Evaluate(pool, proxy, [1, 2, 4]);
        var firstN = BestOfN.Evaluate(pool, proxy, [1, 2, 4], estimator: BestOfNEstimator.FirstN);

        // By proxy, ascending: 1, 3, 5 (right, gold 1), 50; best-of-2 picks them with probability 0, 1/6, 2/6, 3/6.
        Assert.Equal(-0.5, curve.Points[0].GoldMean, 12);
        Assert.Equal((-1 + 2 - 3) / 6.0, curve.Points[1].GoldMean, 12);
        Assert.Equal((-1 + 2 - 3) / 6.0, Assert.Single(curve.Points[1].PromptGold), 12);
        Assert.Equal((3 + 10 + 150) / 6.0, curve.Points[1].ProxyMean, 12);
        Assert.Equal(2 / 6.0, curve.Points[1].Behaviour.Accuracy, 12);
        Assert.Equal(-1.0, curve.Points[2].GoldMean, 12);
        Assert.Equal(1.0, firstN.Points[1].GoldMean, 12); // the first two: 1 and 5, 5 is kept
        Assert.Equal(0.25, curve.Points[0].Behaviour.Accuracy, 12);
        Assert.Equal((8 + 8 + 8 + 9) / 4.0, curve.Points[0].Behaviour.MeanLength, 12); // " It's 50." has 9 characters
    }
}
