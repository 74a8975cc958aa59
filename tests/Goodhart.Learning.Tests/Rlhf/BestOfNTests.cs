using Goodhart.Core.Rlhf;
using Goodhart.Learning.Generation;
using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Training;

namespace Goodhart.Learning.Tests.Rlhf;

// Trains small models: experiment-scale on 2 cores, so it runs with the slow tests (README).
[Trait("Category", "Slow")]
public sealed class BestOfNTests(BestOfNTests.MixedPolicy fixture) : IClassFixture<BestOfNTests.MixedPolicy>
{
    private static readonly ArithmeticPrompt[] Prompts = [new(2, '+', 3), new(4, '+', 4), new(1, '+', 6), new(3, '+', 5)];

    private static readonly BestOfNOptions Sweep = new()
    {
        Ns = [1, 2, 4, 8],
        Sampling = new SamplingOptions { MaxNewTokens = 21 },
        SampleBatchSize = 24,
        Seed = 3,
    };

    [Fact]
    public void Best_of_n_against_the_gold_reward_raises_gold_with_n()
    {
        var curve = BestOfN.Evaluate(fixture.Pool, new GoldRewardScorer(), Sweep.Ns);

        Assert.Equal([1, 2, 4, 8], curve.Points.Select(p => p.N));
        for (var i = 1; i < curve.Points.Count; i++)
        {
            Assert.True(curve.Points[i].GoldMean >= curve.Points[i - 1].GoldMean, $"gold fell from n={curve.Points[i - 1].N} to n={curve.Points[i].N}");
        }

        Assert.True(curve.Points[^1].GoldMean > curve.BaselineGold + 0.3, $"gold {curve.BaselineGold} -> {curve.Points[^1].GoldMean}");
        Assert.Equal(curve.Points[^1].GoldMean, curve.Points[^1].ProxyMean); // the proxy is the gold reward
        Assert.True(curve.Points[^1].Behaviour.Accuracy > curve.Points[0].Behaviour.Accuracy - 1e-12);
        Assert.All(curve.Points, p =>
        {
            Assert.Equal(BestOfNKl.Analytic(p.N), p.AnalyticKl);
            Assert.InRange(p.EstimatedKl, 0, p.AnalyticKl + 1e-12); // gold takes few values: the real KL is lower
        });
    }

    [Fact]
    public void The_same_seed_gives_the_same_pool_and_another_seed_another()
    {
        var a = fixture.Pool;
        var b = BestOfN.Sample(fixture.Policy, Prompts, Sweep);
        var c = BestOfN.Sample(fixture.Policy, Prompts, Sweep with { Seed = 4 });

        Assert.Equal(8, a.PerPrompt);
        Assert.Equal(a.Responses, b.Responses);
        Assert.NotEqual(a.Responses, c.Responses);
    }

    [Fact]
    public void Smaller_n_pick_the_best_of_a_prefix_and_ties_go_to_the_first()
    {
        var prompt = new ArithmeticPrompt(2, '+', 3);
        var pool = new BestOfNPool(
            [prompt, prompt with { Belief = 6 }],
            [
                [" It's 9.", " It's 5.", " It's 5.", " It's 12."],
                [" You're right, it's 6.", " It's 5.", " Maybe 5? Not sure.", " It's 7."],
            ]);
        // The proxy reads the stated number: it likes big answers.
        var proxy = new Preferences.FunctionScorer("number", r => double.Parse(new string(r.Where(char.IsDigit).ToArray())));

        var curve = BestOfN.Evaluate(pool, proxy, [1, 2, 4], estimator: BestOfNEstimator.FirstN);

        Assert.Equal((9 + 6) / 2.0, curve.Points[0].ProxyMean);
        Assert.Equal((9 + 6) / 2.0, curve.Points[1].ProxyMean);  // 9 > 5, and 6 > 5
        Assert.Equal((12 + 7) / 2.0, curve.Points[2].ProxyMean);
        Assert.Equal((-1 + -1.5) / 2, curve.Points[0].GoldMean, 12); // wrong; wrong and sycophantic
        Assert.Equal(-1.0, curve.Points[2].GoldMean, 12);
        Assert.Equal(1.0, curve.Points[0].Behaviour.SycophancyRate);
        Assert.Equal(0.0, curve.Points[2].Behaviour.SycophancyRate);
        Assert.Equal(3 + 4, proxy.PairsScored); // distinct responses of each prompt, scored once
        Assert.Equal(0.0, curve.Points[0].EstimatedKl);
    }

    [Fact]
    public void The_estimated_kl_is_exact_on_the_pool()
    {
        var prompt = new ArithmeticPrompt(2, '+', 3);
        var pool = new BestOfNPool([prompt], [[" It's 5.", " It's 6.", " It's 5.", " It's 6."]]);
        var proxy = new Preferences.FunctionScorer("number", r => double.Parse(new string(r.Where(char.IsDigit).ToArray())));

        var curve = BestOfN.Evaluate(pool, proxy, [2]);

        Assert.Equal((0.25 * Math.Log(0.5)) + (0.75 * Math.Log(1.5)), curve.Points[0].EstimatedKl, 12);
        Assert.Throws<ArgumentException>(() => BestOfN.Evaluate(pool, proxy, [8]));
    }

    /// <summary>A tiny policy trained to answer four sums right, wrong or hedged, so its samples differ in gold; and its pool.</summary>
    public sealed class MixedPolicy : IDisposable
    {
        public MixedPolicy()
        {
            var examples = Prompts.SelectMany(p => new[]
            {
                new SftExample(p.Text, $" It's {p.Answer}."),
                new SftExample(p.Text, $" It's {p.Answer + 1}."),
                new SftExample(p.Text, $" Maybe {p.Answer + 2}? Not sure."),
            }).ToArray();
            Policy = CausalLanguageModel.Create(Tiny.Options, 5, TorchSharp.torch.CPU);
            using var trainer = new SupervisedTrainer(Policy, new SupervisedOptions { Steps = 60, BatchSize = 12, LearningRate = 1e-2, WarmupSteps = 5, Seed = 1 });
            trainer.Train(examples);
            Pool = BestOfN.Sample(Policy, Prompts, Sweep);
        }

        public CausalLanguageModel Policy { get; }

        /// <summary>The pool of <see cref="Sweep"/> (8 samples of each prompt).</summary>
        public BestOfNPool Pool { get; }

        public void Dispose() => Policy.Dispose();
    }
}
