using Goodhart.Core.Oversight.Process;
using Goodhart.Core.Randomness;
using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Training;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Goodhart.Learning.Oversight.Process;

/// <summary>
/// Trains a <see cref="ProcessRewardModel"/> on a rater's step labels: every labelled step is a row (the prompt, the
/// response cut at the step's end, good or not), and the network's logit at the prefix's end is fitted with binary
/// cross-entropy. The same optimiser, schedule and seeded data order as <see cref="RewardModelTrainer"/>
/// (<see cref="RewardModelOptions"/>: epochs over the rows, batch size, learning rate, seed), so the PRM and the
/// outcome reward model it is compared with differ only in their labels.
/// </summary>
public static class ProcessRewardModelTrainer
{
    private const ulong DataStream = 0x9A1;
    private const ulong DropoutStream = 0x9A2;

    /// <summary>
    /// A PRM with its trunk copied from <paramref name="policy"/> (the head from the options' seed), trained on
    /// <paramref name="labels"/>; the caller disposes it.
    /// </summary>
    public static (ProcessRewardModel Model, IReadOnlyList<ProcessRewardModelStep> History) Train(
        CausalLanguageModel policy, IReadOnlyList<StepLabels> labels, RewardModelOptions options, ProcessAggregation aggregation = ProcessAggregation.Min,
        IProgress<ProcessRewardModelStep>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var rows = labels.SelectMany(l => l.Labels.Select(s => (l.Prompt, s.Prefix, s.Good))).ToArray();
        if (rows.Length == 0)
            throw new ArgumentException("No step labels to train on.", nameof(labels));
        var model = new RewardModel(ScalarHeadModel.FromPolicy(policy, options.Seed), "prm");
        var prm = new ProcessRewardModel(model, aggregation);
        try
        {
            var history = Fit(model, rows, options, progress, cancellationToken);
            return (prm, history);
        }
        catch
        {
            prm.Dispose();
            throw;
        }
    }

    private static List<ProcessRewardModelStep> Fit(
        RewardModel model, (string Prompt, string Prefix, bool Good)[] rows, RewardModelOptions options,
        IProgress<ProcessRewardModelStep>? progress, CancellationToken cancellationToken)
    {
        var network = model.Network;
        using var optimizer = TrainingLoop.AdamW(network.parameters(), options.Optimiser);
        var steps = options.StepsFor(rows.Length);
        var history = new List<ProcessRewardModelStep>(steps);
        int[] order = [];
        var orderEpoch = -1;
        for (var step = 0; step < steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = new (string Prompt, string Prefix, bool Good)[Math.Min(options.BatchSize, rows.Length)];
            for (var j = 0; j < batch.Length; j++)
            {
                var position = ((long)step * options.BatchSize) + j;
                var epoch = (int)(position / rows.Length);
                if (epoch != orderEpoch)
                {
                    order = TrainingLoop.Permutation(rows.Length, Xoshiro256.Derive(options.Seed, DataStream + (ulong)epoch));
                    orderEpoch = epoch;
                }
                batch[j] = rows[order[(int)(position % rows.Length)]];
            }
            using var scope = NewDisposeScope();
            network.train();
            lock (TorchRuntime.GlobalGeneratorLock) // a reseed never lands inside another model's seeded initialisation
                manual_seed(TorchRuntime.TorchSeed(options.Seed, DropoutStream + (ulong)step));
            var logits = model.ScoreBatch(batch.Select(r => r.Prompt).ToArray(), batch.Select(r => r.Prefix).ToArray());
            var targets = tensor(batch.Select(r => r.Good ? 1f : 0f).ToArray(), device: logits.device).to(logits.dtype);
            var loss = functional.binary_cross_entropy_with_logits(logits, targets);
            optimizer.zero_grad();
            loss.backward();
            TrainingLoop.Step(optimizer, network.parameters(), options.Optimiser, options.LearningRateAt(step, steps));
            using var _ = no_grad();
            var accuracy = logits.detach().Greater(0).eq(targets.Greater(0.5)).to(ScalarType.Float32).mean().item<float>();
            var record = new ProcessRewardModelStep(step + 1, steps, loss.item<float>(), accuracy);
            history.Add(record);
            progress?.Report(record);
        }
        network.eval();
        return history;
    }
}
