using System.Diagnostics;
using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;
using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Models;
using Goodhart.Learning.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// Trains a <see cref="RewardModel"/> on preference pairs with the Bradley-Terry loss of TRL's RewardTrainer:
/// -log sigmoid(r_chosen - r_rejected), plus the optional centring term c (r_chosen + r_rejected)^2, averaged over
/// the batch. AdamW (weight decay on matrices only), global gradient clipping, warm-up then cosine. Each step scores
/// the batch's chosen and rejected sequences in one forward pass. The data order is a seeded permutation per epoch,
/// so the same seed gives the same model. With a <see cref="CheckpointDirectory"/>, the run saves the network, AdamW's
/// state, the step and the history so far there, and <see cref="Train"/> continues from the checkpoint it finds,
/// bit-identically to an uninterrupted run on CPU.
/// </summary>
public sealed class RewardModelTrainer : IDisposable
{
    private const string Method = "reward_model";
    private const ulong DataStream = 0x8E7;
    private const ulong DropoutStream = 0xD81;


    private readonly AdamW _optimizer;

    /// <summary>A trainer at step 0 for <paramref name="model"/>.</summary>
    public RewardModelTrainer(RewardModel model, RewardModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Model = model;
        Options = options;
        _optimizer = TrainingLoop.AdamW(model.Network.parameters(), options.Optimiser);
    }

    /// <summary>The model being trained.</summary>
    public RewardModel Model { get; }

    /// <summary>The run's settings.</summary>
    public RewardModelOptions Options { get; }

    /// <summary>Steps taken so far.</summary>
    public int Step { get; private set; }

    /// <summary>Folder of the run's checkpoint (<see cref="RlhfCheckpoint"/>): saved to, and resumed from when it holds one; null: none.</summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>Steps between checkpoints (the last step always saves); 0: only at the end.</summary>
    public int CheckpointEvery { get; set; }

    /// <summary>
    /// A trainer for a new reward model: its trunk copied from <paramref name="policy"/> when given and
    /// <see cref="RewardModelOptions.InitializeFromPolicy"/>, else fresh weights of <paramref name="shape"/> (default:
    /// the policy's shape, or the default shape); the head is drawn from <see cref="RewardModelOptions.Seed"/>.
    /// </summary>
    public static RewardModelTrainer Create(
        CausalLanguageModel? policy, RewardModelOptions options, string name = "rm", TransformerOptions? shape = null, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var network = policy is not null && options.InitializeFromPolicy
            ? ScalarHeadModel.FromPolicy(policy, options.Seed)
            : ScalarHeadModel.Create(shape ?? policy?.Options, options.Seed, device ?? (policy is null ? null : RewardModel.DeviceOf(policy)));
        return new RewardModelTrainer(new RewardModel(network, name, options.Pooling), options);
    }

    /// <summary>
    /// Trains for <see cref="RewardModelOptions.Epochs"/> passes over <paramref name="pairs"/> (steps already taken
    /// count), reporting each step.
    /// </summary>
    public RewardModelResult Train(
        IReadOnlyList<PreferencePair> pairs, IProgress<RewardModelStep>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
        {
            throw new ArgumentException("No preference pairs to train on.", nameof(pairs));
        }

        PreferenceRows.CheckText(pairs);
        PreferenceRows.CheckPromptRoom(pairs, Model.Network.Options.ContextLength);
        var steps = Options.StepsFor(pairs.Count);
        var history = new List<RewardModelStep>();
        var clock = Stopwatch.StartNew();
        if (RlhfCheckpoint.Exists(CheckpointDirectory))
        {
            Resume(CheckpointDirectory!, history);
        }

        int[] order = [];
        var orderEpoch = -1;
        while (Step < steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = new PreferencePair[Math.Min(Options.BatchSize, pairs.Count)];
            for (var j = 0; j < batch.Length; j++)
            {
                var position = ((long)Step * Options.BatchSize) + j;
                var epoch = (int)(position / pairs.Count);
                if (epoch != orderEpoch)
                {
                    order = TrainingLoop.Permutation(pairs.Count, Xoshiro256.Derive(Options.Seed, DataStream + (ulong)epoch));
                    orderEpoch = epoch;
                }

                batch[j] = pairs[order[(int)(position % pairs.Count)]];
            }

            var record = TrainStep(batch, steps);
            history.Add(record);
            progress?.Report(record);
            if (CheckpointDirectory is not null && TrainingLoop.SavesAfter(Step, steps, CheckpointEvery))
            {
                SaveCheckpoint(CheckpointDirectory, history);
            }
        }

        return new RewardModelResult(history, clock.Elapsed.TotalSeconds);
    }

    /// <summary>One optimizer step on <paramref name="batch"/> at the learning rate of this step of <paramref name="steps"/>.</summary>
    public RewardModelStep TrainStep(IReadOnlyList<PreferencePair> batch, int steps)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        var network = Model.Network;
        network.train();
        lock (TorchRuntime.GlobalGeneratorLock) // a reseed never lands inside another model's seeded initialisation
            manual_seed(TorchRuntime.TorchSeed(Options.Seed, DropoutStream + (ulong)Step));

        // Chosen sequences first, rejected after: one forward pass scores both.
        var count = batch.Count;
        var scores = Model.ScoreBatch(
            [.. batch.Select(p => p.Prompt), .. batch.Select(p => p.Prompt)],
            [.. batch.Select(p => p.Chosen), .. batch.Select(p => p.Rejected)]);
        var chosen = scores.narrow(0, 0, count);
        var rejected = scores.narrow(0, count, count);
        var loss = Loss(chosen, rejected, Options.CenteringCoefficient);

        var learningRate = Options.LearningRateAt(Step, steps);
        _optimizer.zero_grad();
        loss.backward();
        TrainingLoop.Step(_optimizer, network.parameters(), Options.Optimiser, learningRate);
        Step++;
        using var _ = no_grad();
        var margins = (chosen - rejected).detach();
        return new RewardModelStep(
            Step,
            steps,
            loss.item<float>(),
            margins.Greater(0).to(ScalarType.Float32).mean().item<float>(),
            margins.mean().item<float>(),
            learningRate);
    }

    /// <summary>
    /// The reward-model loss of a batch: mean(-log sigmoid(r_chosen - r_rejected)) + c mean((r_chosen + r_rejected)^2),
    /// the second term only when <paramref name="centeringCoefficient"/> is positive.
    /// </summary>
    public static Tensor Loss(Tensor chosen, Tensor rejected, double centeringCoefficient = 0)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        ArgumentNullException.ThrowIfNull(rejected);
        var loss = -functional.logsigmoid(chosen - rejected).mean();
        if (centeringCoefficient > 0)
        {
            loss = loss.Plus(chosen.Plus(rejected).Squared().mean().Times(centeringCoefficient));
        }

        return loss;
    }

    /// <inheritdoc />
    public void Dispose() => _optimizer.Dispose();

    private void SaveCheckpoint(string directory, IReadOnlyList<RewardModelStep> history) =>
        RlhfCheckpoint.Save(
            directory,
            new RlhfCheckpointState(Method, Step, RlhfCheckpoint.OptionsJson(Options), [], [], [.. history]),
            (RlhfCheckpoint.ScalarHeadFile, p => ModelCheckpoint.Save(Model.Network, p, CheckpointSet.StepMetadata(Step))),
            (RlhfCheckpoint.OptimizerFile, p => OptimizerCheckpoint.Save(_optimizer, p, CheckpointSet.StepMetadata(Step))));

    private void Resume(string directory, List<RewardModelStep> history)
    {
        var state = RlhfCheckpoint.ReadState(directory, Method, Options);
        RlhfCheckpoint.LoadWeights(Model.Network, Path.Combine(directory, RlhfCheckpoint.ScalarHeadFile));
        OptimizerCheckpoint.Load(_optimizer, Path.Combine(directory, RlhfCheckpoint.OptimizerFile));
        Step = state.GlobalStep;
        history.AddRange(state.History);
    }
}
