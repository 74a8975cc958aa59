using Goodhart.Core.Rlhf;
using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;
using Xunit.Abstractions;

namespace Goodhart.Learning.Tests.Rlhf;

// Trains small models: experiment-scale on 2 cores, so it runs with the slow tests (README).
[Trait("Category", "Slow")]
public class PpoTrainerTests(ITestOutputHelper output)
{
    private static readonly string[] Prompts = ["ab", "cd", "ef", "gh", "ij", "kl", "mn", "op"];

    private static readonly PpoOptions Quick = new()
    {
        Steps = 12,
        BatchSize = 16,
        MiniBatches = 2,
        LearningRate = 3e-3,
        MaxNewTokens = 8,
        Seed = 2,
        EvalEvery = 0,
    };

    /// <summary>One update per rollout: enough to check the bookkeeping, cheap on a busy machine.</summary>
    private static readonly PpoOptions Mechanics = Quick with { BatchSize = 8, MiniBatches = 1, PpoEpochs = 1 };

    /// <summary>Reward = how many lowercase letters the response holds (a random tiny model writes about 2 in 8 tokens).</summary>
    private static readonly DelegateRewardScorer Letters = new("letters", (_, response) => response.Count(char.IsAsciiLetterLower));

    [Fact]
    public void Ppo_against_a_toy_scorer_raises_the_score()
    {
        using var policy = Tiny.Model(seed: 8);
        using var reference = PolicyCopies.FrozenReference(policy);
        using var critic = ScalarHeadModel.FromPolicy(policy, seed: 1);
        using var trainer = new PpoTrainer(policy, reference, critic, Letters, Quick);

        var result = trainer.Train(Prompts);

        var scores = result.Series(PpoStepStatistics.ScoresName);
        output.WriteLine(string.Join(" ", scores.Select(s => s.ToString("F2", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(Quick.Steps, scores.Count);
        Assert.True(scores.TakeLast(3).Average() > scores.Take(3).Average() + 1,
            $"scores went from {scores.Take(3).Average()} to {scores.TakeLast(3).Average()}");
        var kl = result.Series(PpoStepStatistics.KlName);
        Assert.Equal(0, kl[0], 1e-4); // the first rollout comes from the unchanged policy
        Assert.True(kl[^1] > 0.1, $"the policy should have moved away from the reference (KL {kl[^1]})");
        Assert.All(result.Series(PpoStepStatistics.RatioName), r => Assert.InRange(r, 0.5, 2));
    }

    [Fact]
    public void Rollout_diagnostics_follow_trl_definitions()
    {
        using var policy = Tiny.Model(seed: 8);
        using var reference = PolicyCopies.FrozenReference(policy);
        using var critic = ScalarHeadModel.FromPolicy(policy, seed: 1);
        using var trainer = new PpoTrainer(policy, reference, critic, Letters, Mechanics with { KlCoef = 0.5 });

        var first = trainer.TrainStep(Prompts);
        var second = trainer.TrainStep(Prompts);

        Assert.Equal(0, first.Kl, 1e-4);
        Assert.Equal(first.Scores, first.RlhfReward, 1e-4);
        Assert.Equal(-0.5 * second.Kl, second.NonScoreReward, 1e-9);
        Assert.Equal(second.Scores + second.NonScoreReward, second.RlhfReward, 1e-9);
        Assert.InRange(first.ClipFraction, 0, 1);
        Assert.InRange(first.ApproxKl, 0, 1);
        Assert.True(first.Entropy > 0 && first.PolicyEntropy > 0);
        Assert.Equal(2, trainer.Step);
    }

    [Fact]
    public void Gold_scorer_and_evaluator_report_gold_kl_and_behaviour_at_every_evaluation_point()
    {
        using var policy = Tiny.Model(seed: 9);
        using var reference = PolicyCopies.FrozenReference(policy);
        using var critic = ScalarHeadModel.FromPolicy(policy, seed: 1);
        ArithmeticPrompt[] prompts = [new(3, '+', 4), new(12, '-', 5, belief: 8), new(2, '+', 2, belief: 4)];
        var evaluator = new PolicyEvaluator(reference, prompts, new() { MaxNewTokens = 8 }, seed: 4);
        using var trainer = new PpoTrainer(policy, reference, critic, new GoldRewardScorer(), Mechanics with { Steps = 2, EvalEvery = 1 });

        var result = trainer.Train(prompts.Select(p => p.Text).ToArray(), evaluator);

        Assert.Equal([0L, 1, 2], result.Evaluations.Select(e => e.Step));
        Assert.Equal(0, result.Evaluations[0].Kl, 1e-5);
        var gold = new GoldReward();
        Assert.All(result.Evaluations, e =>
        {
            Assert.Equal(prompts.Select((p, i) => gold.Score(p, e.Responses[i])).Average(), e.GoldScore, 1e-12);
            Assert.Equal(e.GoldScore, e.ProxyScore!.Value, 1e-12); // the scorer is the gold reward itself
            Assert.Equal(3, e.Behaviour.Count);
        });
        Assert.Equal(3, result.Series(PolicyEvaluation.GoldScoreName).Count);
        Assert.Equal(3, result.Series("behaviour/accuracy").Count);
    }

    [Fact]
    public void Same_seed_gives_the_same_numbers()
    {
        double[] Run()
        {
            using var policy = Tiny.Model(seed: 10);
            using var reference = PolicyCopies.FrozenReference(policy);
            using var critic = ScalarHeadModel.FromPolicy(policy, seed: 1);
            using var trainer = new PpoTrainer(policy, reference, critic, Letters, Mechanics with { Steps = 3 });
            return trainer.Train(Prompts).Metrics.Select(m => m.Value).ToArray();
        }

        var first = Run();
        Assert.Equal(first, Run());
        Assert.Equal(3 * 15, first.Length);
    }
}
