using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;
using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Generation;
using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Rlhf;

/// <summary>
/// Interrupted RLHF runs (cancelled after a few steps, some of them after the last checkpoint) resumed from their
/// checkpoint folder end bit-identical to uninterrupted runs: weights, step statistics, evaluations.
/// </summary>
public class RlhfResumeTests
{
    private static readonly IReadOnlyList<PreferencePair> Pairs = Preferences.TinySums;

    private static readonly string[] Prompts = ["ab", "cd", "ef", "gh", "ij", "kl", "mn", "op"];

    private static readonly DelegateRewardScorer Letters = new("letters", (_, response) => response.Count(char.IsAsciiLetterLower));

    // Dropout on: the resumed run must reseed it as the uninterrupted one did.
    private static readonly TransformerOptions Shape = Tiny.Options with { Dropout = 0.1 };

    private static readonly DpoOptions Dpo = new() { LearningRate = 3e-3, Epochs = 4, BatchSize = 3, Seed = 5, EvalEvery = 3 };

    private static readonly PpoOptions Ppo = new()
    {
        Steps = 6, BatchSize = 8, MiniBatches = 2, PpoEpochs = 1, LearningRate = 3e-3, MaxNewTokens = 6, Seed = 2, EvalEvery = 0,
    };

    private static readonly RewardModelOptions RewardModel = new() { Epochs = 2, BatchSize = 4, LearningRate = 3e-3, WarmupSteps = 2, Seed = 4, InitializeFromPolicy = false };

    [Fact]
    public void Resumed_dpo_run_equals_an_uninterrupted_one()
    {
        using var temp = new TemporaryFolder();
        var (straight, straightWeights) = RunDpo(null, cancelAt: null);

        // Checkpoints at steps 3 and 6; cancelled after step 5, so steps 4 and 5 are lost and redone.
        Assert.Throws<OperationCanceledException>(() => RunDpo(temp.Path, cancelAt: 5));
        Assert.Contains("\"global_step\": 3", File.ReadAllText(temp.File(RlhfCheckpoint.StateFile)));
        var (resumed, resumedWeights) = RunDpo(temp.Path, cancelAt: null);

        Assert.Equal(8, resumed.Steps);
        Assert.Equal(straight.Metrics, resumed.Metrics);
        Assert.Contains(straight.Metrics, m => m.Name == DpoStepStatistics.LossName && m.Step == 8 && m.Value != 0);
        Assert.Equal(straight.Evaluations.Select(e => e.Step), resumed.Evaluations.Select(e => e.Step));
        Assert.Equal(straight.Evaluations.SelectMany(e => e.Responses), resumed.Evaluations.SelectMany(e => e.Responses));
        AssertSameWeights(straightWeights, resumedWeights);
    }

    [Fact]
    public void Resumed_ppo_run_equals_an_uninterrupted_one()
    {
        using var temp = new TemporaryFolder();
        var (straight, straightWeights) = RunPpo(null, cancelAt: null);

        // Checkpoint at iteration 2 (and 4, 6); cancelled after iteration 3.
        Assert.Throws<OperationCanceledException>(() => RunPpo(temp.Path, cancelAt: 3));
        Assert.Contains("\"global_step\": 2", File.ReadAllText(temp.File(RlhfCheckpoint.StateFile)));
        var (resumed, resumedWeights) = RunPpo(temp.Path, cancelAt: null);

        Assert.Equal(Ppo.Steps, resumed.Steps);
        Assert.Equal(straight.Metrics, resumed.Metrics);
        Assert.Equal(Ppo.Steps, resumed.Series(PpoStepStatistics.ScoresName).Count);
        AssertSameWeights(straightWeights, resumedWeights);
    }

    [Fact]
    public void Resumed_ppo_run_with_dropout_equals_an_uninterrupted_one()
    {
        using var temp = new TemporaryFolder();
        var (straight, straightWeights) = RunPpo(null, cancelAt: null, Shape);

        Assert.Throws<OperationCanceledException>(() => RunPpo(temp.Path, cancelAt: 3, Shape));
        var (resumed, resumedWeights) = RunPpo(temp.Path, cancelAt: null, Shape);

        Assert.Equal(straight.Metrics, resumed.Metrics);
        AssertSameWeights(straightWeights, resumedWeights);
    }

    [Fact]
    public void Resume_refuses_a_torn_set_whose_policy_is_from_an_earlier_step()
    {
        using var temp = new TemporaryFolder();
        Assert.Throws<OperationCanceledException>(() => RunDpo(temp.Path, cancelAt: 4)); // set of step 3
        var earlier = File.ReadAllBytes(temp.File(RlhfCheckpoint.PolicyFile));
        RunDpo(temp.Path, cancelAt: null); // resumed to the end: set of step 8
        File.WriteAllBytes(temp.File(RlhfCheckpoint.PolicyFile), earlier);

        var error = Assert.Throws<CheckpointFormatException>(() => RunDpo(temp.Path, cancelAt: null));

        Assert.Contains($"checkpoint set in {temp.Path} is incomplete: {RlhfCheckpoint.PolicyFile} is step 3, the manifest step 8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_refuses_a_set_with_a_file_deleted()
    {
        using var temp = new TemporaryFolder();
        Assert.Throws<OperationCanceledException>(() => RunRewardModel(Preferences.PlainOverHedged(1, 3), temp.Path, cancelAt: 3));
        File.Delete(temp.File(RlhfCheckpoint.OptimizerFile));

        var error = Assert.Throws<CheckpointFormatException>(() => RunRewardModel(Preferences.PlainOverHedged(1, 3), temp.Path, cancelAt: null));

        Assert.Contains($"incomplete: {RlhfCheckpoint.OptimizerFile} of step 2 is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resumed_reward_model_run_equals_an_uninterrupted_one()
    {
        var pairs = Preferences.PlainOverHedged(1, 3); // 9 pairs, 5 steps
        using var temp = new TemporaryFolder();
        var (straight, straightWeights) = RunRewardModel(pairs, null, cancelAt: null);

        Assert.Throws<OperationCanceledException>(() => RunRewardModel(pairs, temp.Path, cancelAt: 3));
        Assert.True(File.Exists(temp.File(RlhfCheckpoint.OptimizerFile)));
        var (resumed, resumedWeights) = RunRewardModel(pairs, temp.Path, cancelAt: null);

        Assert.Equal(5, resumed.History.Count);
        Assert.Equal(straight.History, resumed.History);
        AssertSameWeights(straightWeights, resumedWeights);
    }

    [Fact]
    public void Resume_refuses_a_checkpoint_written_with_other_options()
    {
        using var temp = new TemporaryFolder();
        RunRewardModel(Preferences.PlainOverHedged(1, 2), temp.Path, cancelAt: null);

        using var trainer = RewardModelTrainer.Create(null, RewardModel with { LearningRate = 1e-3 }, shape: Shape, device: CPU);
        var other = new RewardModelTrainer(trainer.Model, trainer.Options) { CheckpointDirectory = temp.Path };
        using (other)
        {
            var error = Assert.Throws<CheckpointMismatchException>(() => other.Train(Preferences.PlainOverHedged(1, 2)));
            Assert.Contains("other options", error.Message);
        }
    }

    internal static (PolicyOptimisationResult Result, Dictionary<string, float[]> Weights) RunDpo(string? folder, int? cancelAt)
    {
        using var policy = Tiny.Model(seed: 6, options: Shape);
        using var reference = PolicyCopies.FrozenReference(policy);
        var evaluator = new PolicyEvaluator(reference, [new ArithmeticPrompt(3, '+', 4), new ArithmeticPrompt(2, '+', 2, belief: 5)], new SamplingOptions { MaxNewTokens = 6 }, seed: 9);
        using var trainer = new DpoTrainer(policy, reference, Dpo) { CheckpointDirectory = folder, CheckpointEvery = 3 };
        using var interrupt = new CancellationTokenSource();
        var result = trainer.Train(Pairs, evaluator, CancelAt<RlhfProgress>(interrupt, p => p.Step == cancelAt), interrupt.Token);
        return (result, Tiny.Weights(policy));
    }

    internal static (PolicyOptimisationResult Result, Dictionary<string, float[]> Weights) RunPpo(string? folder, int? cancelAt, TransformerOptions? shape = null)
    {
        using var policy = Tiny.Model(seed: 8, options: shape);
        using var reference = PolicyCopies.FrozenReference(policy);
        using var critic = ScalarHeadModel.FromPolicy(policy, seed: 1);
        using var trainer = new PpoTrainer(policy, reference, critic, Letters, Ppo) { CheckpointDirectory = folder, CheckpointEvery = 2 };
        using var interrupt = new CancellationTokenSource();
        var result = trainer.Train(Prompts, null, CancelAt<RlhfProgress>(interrupt, p => p.Step == cancelAt), interrupt.Token);
        return (result, Tiny.Weights(policy).Concat(Tiny.Weights(critic).Select(p => KeyValuePair.Create("value." + p.Key, p.Value))).ToDictionary());
    }

    internal static (RewardModelResult Result, Dictionary<string, float[]> Weights) RunRewardModel(
        IReadOnlyList<PreferencePair> pairs, string? folder, int? cancelAt)
    {
        using var created = RewardModelTrainer.Create(null, RewardModel, shape: Shape, device: CPU);
        using var trainer = new RewardModelTrainer(created.Model, RewardModel) { CheckpointDirectory = folder, CheckpointEvery = 2 };
        using var interrupt = new CancellationTokenSource();
        var result = trainer.Train(pairs, CancelAt<RewardModelStep>(interrupt, s => s.Step == cancelAt), interrupt.Token);
        return (result, Tiny.Weights(created.Model.Network));
    }

    internal static void AssertSameWeights(Dictionary<string, float[]> expected, Dictionary<string, float[]> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.All(actual, p => Assert.Equal(expected[p.Key], p.Value));
    }

    private static IProgress<T> CancelAt<T>(CancellationTokenSource source, Func<T, bool> when) => new CallbackProgress<T>(p =>
    {
        if (when(p))
        {
            source.Cancel();
        }
    });
}
