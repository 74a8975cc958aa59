using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Tests.Rlhf;

public class BestOfNKlTests
{
    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.193)]
    [InlineData(16, 1.835)]
    [InlineData(128, 3.860)]
    [InlineData(1000, 5.909)]
    public void The_analytic_kl_matches_the_published_values(int n, double expected)
    {
        Assert.Equal(expected, BestOfNKl.Analytic(n), 3);
    }

    [Fact]
    public void A_policy_that_always_says_the_same_thing_has_zero_real_kl()
    {
        var pool = Enumerable.Repeat(0.7, 64).ToArray();

        Assert.Equal(0.0, BestOfNKl.Empirical(pool, 16));
        Assert.True(BestOfNKl.Analytic(16) > 1.8);
    }

    [Fact]
    public void Two_equally_likely_answers_give_the_hand_computed_kl()
    {
        // q = (1/2, 1/2); best-of-2 picks the better one with probability 3/4.
        double[] pool = [1.0, 2.0, 1.0, 2.0];

        var expected = (0.25 * Math.Log(0.25 / 0.5)) + (0.75 * Math.Log(0.75 / 0.5));
        Assert.Equal(expected, BestOfNKl.Empirical(pool, 2), 12);
        Assert.Equal(0.0, BestOfNKl.Empirical(pool, 1), 12);
    }

    [Fact]
    public void Many_distinct_scores_approach_the_analytic_value()
    {
        var pool = Enumerable.Range(0, 100_000).Select(i => (double)i).ToArray();

        foreach (var n in new[] { 2, 16, 128 })
        {
            Assert.Equal(BestOfNKl.Analytic(n), BestOfNKl.Empirical(pool, n), 2);
        }
    }

    [Fact]
    public void Repeated_answers_never_exceed_the_analytic_bound()
    {
        var rng = new Xoshiro256(11);
        for (var trial = 0; trial < 50; trial++)
        {
            var levels = 1 + rng.NextInt(20);
            var pool = Enumerable.Range(0, 256).Select(_ => (double)rng.NextInt(levels)).ToArray();
            foreach (var n in new[] { 2, 4, 32, 256 })
            {
                var kl = BestOfNKl.Empirical(pool, n);
                Assert.InRange(kl, 0.0, BestOfNKl.Analytic(n) + 1e-12);
            }
        }
    }

    [Fact]
    public void The_order_of_the_pool_does_not_matter()
    {
        double[] pool = [3, 1, 2, 2, 5, 1, 1, 4];
        double[] shuffled = [1, 2, 5, 1, 4, 3, 1, 2];

        Assert.Equal(BestOfNKl.Empirical(pool, 4), BestOfNKl.Empirical(shuffled, 4), 14);
    }
}
