using System.Diagnostics;
using System.Text.Json;
using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;
using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Data;
using Goodhart.Learning.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Goodhart.Learning.Training;

/// <summary>
/// Supervised fine-tuning of a <see cref="CausalLanguageModel"/> on (prompt, completion) pairs: next-token
/// cross-entropy counted on response tokens only (eos included), AdamW with weight decay on matrices, global
/// gradient-norm clipping, warm-up then a cosine or constant learning rate. Batch contents depend only on
/// (seed, step) and dropout is reseeded each step, so a run resumed from a checkpoint equals an uninterrupted one.
/// </summary>
public sealed class SupervisedTrainer : IDisposable
{
    /// <summary>File of the model weights in a checkpoint folder.</summary>
    public const string ModelFile = "model.safetensors";

    /// <summary>File of the optimizer state in a checkpoint folder.</summary>
    public const string OptimizerFile = "optimizer.safetensors";

    /// <summary>File of the step count and options in a checkpoint folder.</summary>
    public const string StateFile = "trainer_state.json";

    private const ulong DataStream = 0x5F7;
    private const ulong DropoutStream = 0xD80;

    private readonly AdamW _optimizer;
    private int _epoch = -1;
    private int[] _order = [];

    /// <summary>A trainer at step 0 for <paramref name="model"/>.</summary>
    public SupervisedTrainer(CausalLanguageModel model, SupervisedOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Model = model;
        Options = options;
        _optimizer = TrainingLoop.AdamW(model.parameters(), options.Optimiser);
    }

    /// <summary>The model being trained.</summary>
    public CausalLanguageModel Model { get; }

    /// <summary>The run's settings.</summary>
    public SupervisedOptions Options { get; }

    /// <summary>Steps taken so far (the next step's zero-based index).</summary>
    public int Step { get; private set; }

    /// <summary>
    /// Trains until <see cref="SupervisedOptions.Steps"/> steps have been taken, saving checkpoints to
    /// <paramref name="checkpointDirectory"/> when given.
    /// </summary>
    public SupervisedResult Train(
        IReadOnlyList<SftExample> examples,
        string? checkpointDirectory = null,
        IProgress<SupervisedProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0)
        {
            throw new ArgumentException("No examples to train on.", nameof(examples));
        }

        SftExampleTokens.Check(examples, Model.Options.ContextLength);
        var prompts = examples.Select(e => e.PromptTokens()).ToArray();
        var continuations = examples.Select(e => e.ContinuationTokens()).ToArray();
        var firstStep = Step;
        var losses = new List<double>();
        long tokens = 0;
        var clock = Stopwatch.StartNew();
        while (Step < Options.Steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = BatchRows(Step, examples.Count);
            var learningRate = Options.LearningRateAt(Step);
            var loss = TrainStep(rows.Select(i => prompts[i]).ToArray(), rows.Select(i => continuations[i]).ToArray());
            tokens += rows.Sum(i => (long)prompts[i].Length + continuations[i].Length);
            losses.Add(loss);
            progress?.Report(new SupervisedProgress(Step, Options.Steps, loss, learningRate));
            if (checkpointDirectory is not null && TrainingLoop.SavesAfter(Step, Options.Steps, Options.CheckpointEvery))
            {
                SaveCheckpoint(checkpointDirectory);
            }
        }

        return new SupervisedResult(firstStep, losses, tokens, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// One optimizer step on the given pairs (prompts without bos, continuations ending in eos) at the current
    /// step's learning rate; returns the mean cross-entropy of the continuation tokens before the update.
    /// </summary>
    public double TrainStep(IReadOnlyList<int[]> prompts, IReadOnlyList<int[]> continuations)
    {
        using var scope = NewDisposeScope();
        Model.train();
        lock (TorchRuntime.GlobalGeneratorLock) // a reseed never lands inside another model's seeded initialisation
            manual_seed(TorchRuntime.TorchSeed(Options.Seed, DropoutStream + (ulong)Step));
        var device = Model.Backbone.TokenEmbedding.device;
        var batch = SequenceBatch.Create(prompts, continuations, device, Model.Options.ContextLength);

        var logits = Model.forward(batch.Inputs);
        var tokenLoss = functional.cross_entropy(
            logits.flatten(0, 1), batch.Targets.flatten(), reduction: Reduction.None).view_as(batch.Mask);
        var loss = (tokenLoss * batch.Mask).sum() / batch.Mask.sum();

        _optimizer.zero_grad();
        loss.backward();
        TrainingLoop.Step(_optimizer, Model.parameters(), Options.Optimiser, Options.LearningRateAt(Step));
        Step++;
        return loss.item<float>();
    }

    /// <summary>
    /// Writes the model, the optimizer state and the step count to <paramref name="directory"/> as one atomic
    /// <see cref="CheckpointSet"/> (a manifest of the step and each file's hash, written last).
    /// </summary>
    public void SaveCheckpoint(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var step = CheckpointSet.StepMetadata(Step);
        var state = new SupervisedCheckpointState(Step, Options);
        CheckpointSet.Write(
            directory,
            Step,
            [
                (ModelFile, p => ModelCheckpoint.Save(Model, p, step)),
                (OptimizerFile, p => OptimizerCheckpoint.Save(_optimizer, p, step)),
                (StateFile, p => File.WriteAllText(p, JsonSerializer.Serialize(state, SupervisedCheckpointState.Json))),
            ]);
    }

    /// <summary>
    /// A trainer continuing the run saved in <paramref name="directory"/>: same model weights, optimizer state,
    /// step and options (a later <see cref="SupervisedOptions.Steps"/> may be passed to train further).
    /// </summary>
    public static SupervisedTrainer Resume(string directory, int? steps = null, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var manifest = CheckpointSet.Open(directory);
        var statePath = Path.Combine(directory, StateFile);
        SupervisedCheckpointState? state;
        try
        {
            state = JsonSerializer.Deserialize<SupervisedCheckpointState>(File.ReadAllText(statePath), SupervisedCheckpointState.Json);
        }
        catch (JsonException e)
        {
            throw new CheckpointFormatException(statePath, "trainer state", $"not valid JSON ({e.Message})", e);
        }

        if (state?.Options is null || state.GlobalStep < 0)
        {
            throw new CheckpointFormatException(statePath, "trainer state", "empty, or without options or a non-negative global_step");
        }

        if (state.GlobalStep != manifest.Step)
        {
            throw new CheckpointFormatException($"checkpoint set in {directory} is incomplete: {StateFile} is step {state.GlobalStep}, the manifest step {manifest.Step}");
        }
        var model = ModelCheckpoint.LoadLanguageModel(Path.Combine(directory, ModelFile), device);
        var options = steps is { } total ? state.Options with { Steps = total } : state.Options;
        var trainer = new SupervisedTrainer(model, options) { Step = state.GlobalStep };
        OptimizerCheckpoint.Load(trainer._optimizer, Path.Combine(directory, OptimizerFile));
        return trainer;
    }

    /// <inheritdoc />
    public void Dispose() => _optimizer.Dispose();

    /// <summary>
    /// The example indices of <paramref name="step"/>: consecutive slices of a fresh seeded permutation per pass,
    /// a function of (seed, step) alone.
    /// </summary>
    private int[] BatchRows(int step, int count)
    {
        var rows = new int[Options.BatchSize];
        for (var j = 0; j < rows.Length; j++)
        {
            var position = ((long)step * Options.BatchSize) + j;
            var epoch = (int)(position / count);
            if (epoch != _epoch)
            {
                _order = TrainingLoop.Permutation(count, Xoshiro256.Derive(Options.Seed, DataStream + (ulong)epoch));
                _epoch = epoch;
            }

            rows[j] = _order[(int)(position % count)];
        }

        return rows;
    }
}
