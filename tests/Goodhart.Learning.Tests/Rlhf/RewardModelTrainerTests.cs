using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Rlhf;

// Trains small models: experiment-scale on 2 cores, so it runs with the slow tests (README).
[Trait("Category", "Slow")]
public class RewardModelTrainerTests
{
    private static readonly RewardModelOptions Quick = new() { Epochs = 4, BatchSize = 8, LearningRate = 3e-3, WarmupSteps = 2, Seed = 4, InitializeFromPolicy = false };

    [Fact]
    public void The_loss_is_bradley_terry_and_the_centring_term_adds_the_hand_computed_amount()
    {
        using var chosen = tensor(new[] { 1.0f, 0.5f });
        using var rejected = tensor(new[] { 0.0f, 1.0f });

        using var plain = RewardModelTrainer.Loss(chosen, rejected);
        using var centred = RewardModelTrainer.Loss(chosen, rejected, centeringCoefficient: 0.01);

        // -log sigmoid(1) = 0.3132617, -log sigmoid(-0.5) = 0.9740770; centring: 0.01 * mean(1^2, 1.5^2) = 0.01625.
        var bradleyTerry = (0.31326169 + 0.97407698) / 2;
        Assert.Equal(bradleyTerry, plain.item<float>(), 5);
        Assert.Equal(0.01625, centred.item<float>() - plain.item<float>(), 5);
    }

    [Fact]
    public void Loss_falls_and_accuracy_rises_on_a_separable_preference_set()
    {
        var train = Preferences.PlainOverHedged(1, 5);   // 25 pairs
        var heldOut = Preferences.PlainOverHedged(6, 9); // 16 pairs, other sums
        using var trainer = RewardModelTrainer.Create(null, Quick, shape: Tiny.Options, device: CPU);

        var before = RewardModelEvaluation.Of(trainer.Model, heldOut);
        var result = trainer.Train(train);
        var after = RewardModelEvaluation.Of(trainer.Model, heldOut);

        Assert.Equal(13, result.History.Count); // ceil(4 epochs x 25 pairs / 8)
        Assert.InRange(result.History[0].Loss, Math.Log(2) - 0.05, Math.Log(2) + 0.05); // a fresh head scores ~0
        Assert.True(result.LastLoss(3) < 0.5 * result.FirstLoss(3), $"loss {result.FirstLoss(3)} -> {result.LastLoss(3)}");
        Assert.Equal(1.0, result.LastAccuracy(3));
        Assert.Equal(1.0, after.Accuracy);
        Assert.True(after.Margin > before.Margin + 1, $"margin {before.Margin} -> {after.Margin}");
        Assert.Equal(16, after.GoldPairs);
        Assert.Equal(1.0, after.GoldAccuracy);
        Assert.Equal(1.0, after.RaterGoldAccuracy);
    }

    [Fact]
    public void The_same_seed_gives_the_same_losses_and_scores()
    {
        var (lossesA, scoresA) = Run(seed: 4);
        var (lossesB, scoresB) = Run(seed: 4);
        var (lossesC, scoresC) = Run(seed: 5);

        Assert.Equal(lossesA, lossesB);
        Assert.Equal(scoresA, scoresB);
        Assert.NotEqual(scoresA, scoresC);
        Assert.NotEqual(lossesA, lossesC);

        static (double[], double[]) Run(ulong seed)
        {
            var pairs = Preferences.PlainOverHedged(1, 4);
            using var trainer = RewardModelTrainer.Create(null, Quick with { Epochs = 1, Seed = seed }, shape: Tiny.Options, device: CPU);
            var result = trainer.Train(pairs);
            var scores = trainer.Model.Score(pairs.Select(p => p.Prompt).ToArray(), pairs.Select(p => p.Chosen).ToArray());
            return (result.History.Select(s => s.Loss).ToArray(), scores);
        }
    }

    [Fact]
    public void A_reward_model_from_the_policy_starts_with_the_policy_trunk()
    {
        using var policy = Tiny.Model(seed: 9);
        using var trainer = RewardModelTrainer.Create(policy, Quick with { InitializeFromPolicy = true });
        using var fresh = RewardModelTrainer.Create(policy, Quick with { InitializeFromPolicy = false });

        var policyWeights = Tiny.Weights(policy);
        var copied = Tiny.Weights(trainer.Model.Network);
        var drawn = Tiny.Weights(fresh.Model.Network);

        var key = "transformer.h.0.attn.c_attn.weight";
        Assert.Equal(policyWeights[key], copied[key]);
        Assert.NotEqual(policyWeights[key], drawn[key]);
        Assert.Equal(policy.Options, fresh.Model.Network.Options);
    }
}
