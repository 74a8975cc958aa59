using System.Diagnostics;
using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;
using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Data;
using Goodhart.Learning.Generation;
using Goodhart.Learning.Models;
using Goodhart.Learning.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// Direct Preference Optimization (Rafailov et al. 2023) of a policy on preference pairs, against a frozen
/// reference (the SFT policy): each step takes a batch of pairs, scores the chosen and rejected responses under
/// the policy (one forward pass of both), and minimises <see cref="DpoLoss"/>. The reference's log-probabilities
/// are computed once before training (TRL's precompute_ref_log_probs). Batches follow a seeded permutation per
/// pass. With a <see cref="PolicyEvaluator"/>, the policy is evaluated before the first step, every
/// <see cref="DpoOptions.EvalEvery"/> steps and after the last. With a <see cref="CheckpointDirectory"/>, the run
/// saves the policy, AdamW's state, the step and the metrics so far there, and <see cref="Train"/> continues from the
/// checkpoint it finds: the pair order and dropout are functions of (seed, step), so the resumed run is bit-identical
/// to an uninterrupted one on CPU.
/// </summary>
public sealed class DpoTrainer : IDisposable
{
    private const string Method = "dpo";
    private const ulong DataStream = 0xD90;
    private const ulong DropoutStream = 0xD91;

    private readonly AdamW _optimizer;

    /// <summary>A trainer at step 0 moving <paramref name="policy"/> away from the frozen <paramref name="reference"/>.</summary>
    public DpoTrainer(CausalLanguageModel policy, CausalLanguageModel reference, DpoOptions options)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (ReferenceEquals(policy, reference))
        {
            throw new ArgumentException("The reference must be a separate (frozen) copy of the policy; see PolicyCopies.FrozenReference.");
        }

        Policy = policy;
        Reference = reference;
        Options = options;
        _optimizer = TrainingLoop.AdamW(policy.parameters(), options.Optimiser);
    }

    /// <summary>The policy being trained.</summary>
    public CausalLanguageModel Policy { get; }

    /// <summary>The frozen reference pi_ref.</summary>
    public CausalLanguageModel Reference { get; }

    /// <summary>The run's settings.</summary>
    public DpoOptions Options { get; }

    /// <summary>Steps taken so far.</summary>
    public int Step { get; private set; }

    /// <summary>Folder of the run's checkpoint (<see cref="RlhfCheckpoint"/>): saved to, and resumed from when it holds one; null: none.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Steps between checkpoints (the last step always saves); 0: only at the end.</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>Optimizer steps a run over <paramref name="pairCount"/> pairs takes.</summary>
    public int StepsFor(int pairCount) => Options.Epochs * ((pairCount + Options.BatchSize - 1) / Options.BatchSize);

    /// <summary>Trains on <paramref name="pairs"/> for <see cref="DpoOptions.Epochs"/> passes.</summary>
    public PolicyOptimisationResult Train(
        IReadOnlyList<PreferencePair> pairs,
        PolicyEvaluator? evaluator = null,
        IProgress<RlhfProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
        {
            throw new ArgumentException("No preference pairs to train on.", nameof(pairs));
        }

        var clock = Stopwatch.StartNew();
        var tokens = PreferencePairTokens.Of(pairs, Policy.Options.ContextLength);
        var prompts = tokens.Select(t => t.Prompt).ToArray();
        var referenceChosen = SequenceScoring.SequenceLogProbs(Reference, prompts, tokens.Select(t => t.Chosen).ToArray());
        var referenceRejected = SequenceScoring.SequenceLogProbs(Reference, prompts, tokens.Select(t => t.Rejected).ToArray());
        var metrics = new List<MetricPoint>();
        var evaluations = new List<PolicyEvaluation>();

        void Evaluate()
        {
            if (evaluator is not null)
            {
                var evaluation = evaluator.Evaluate(Policy, Step);
                evaluations.Add(evaluation);
                metrics.AddRange(evaluation.ToMetricPoints());
            }
        }

        if (RlhfCheckpoint.Exists(CheckpointDirectory))
        {
            Resume(CheckpointDirectory!, metrics, evaluations);
        }
        else
        {
            Evaluate();
        }

        var steps = StepsFor(pairs.Count);
        var stepsPerEpoch = steps / Options.Epochs;
        while (Step < steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = BatchRows(Step / stepsPerEpoch, Step % stepsPerEpoch, pairs.Count);
            var statistics = TrainStep(
                rows.Select(i => tokens[i]).ToArray(),
                rows.Select(i => referenceChosen[i]).ToArray(),
                rows.Select(i => referenceRejected[i]).ToArray());
            var points = statistics.ToMetricPoints(Step);
            metrics.AddRange(points);
            progress?.Report(new RlhfProgress(Step, steps, points));
            if (Step == steps || (Options.EvalEvery > 0 && Step % Options.EvalEvery == 0))
            {
                Evaluate();
            }

            if (CheckpointDirectory is not null && TrainingLoop.SavesAfter(Step, steps, CheckpointEvery))
            {
                SaveCheckpoint(CheckpointDirectory, metrics, evaluations);
            }
        }

        return new PolicyOptimisationResult("dpo", Step, metrics, evaluations, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// One optimizer step on the given pairs, with the reference's sequence log-probabilities of their chosen and
    /// rejected responses; returns the figures of the batch before the update.
    /// </summary>
    internal DpoStepStatistics TrainStep(IReadOnlyList<PreferencePairTokens> pairs, double[] referenceChosen, double[] referenceRejected)
    {
        using var scope = NewDisposeScope();
        Policy.train();
        lock (TorchRuntime.GlobalGeneratorLock) // a reseed never lands inside another model's seeded initialisation
            manual_seed(TorchRuntime.TorchSeed(Options.Seed, DropoutStream + (ulong)Step));
        var device = Policy.Backbone.TokenEmbedding.device;
        var count = pairs.Count;
        var batch = SequenceBatch.Create(
            [.. pairs.Select(p => p.Prompt), .. pairs.Select(p => p.Prompt)],
            [.. pairs.Select(p => p.Chosen), .. pairs.Select(p => p.Rejected)],
            device,
            Policy.Options.ContextLength);
        var logProbs = SequenceScoring.SequenceLogProbs(Policy, batch);
        var policyChosen = logProbs.narrow(0, 0, count);
        var policyRejected = logProbs.narrow(0, count, count);
        var terms = DpoLoss.Compute(
            policyChosen,
            policyRejected,
            tensor(referenceChosen, ScalarType.Float32, device),
            tensor(referenceRejected, ScalarType.Float32, device),
            Options.Beta);

        _optimizer.zero_grad();
        terms.Loss.backward();
        TrainingLoop.Step(_optimizer, Policy.parameters(), Options.Optimiser, Options.LearningRateAt(Step));
        Step++;
        return DpoStepStatistics.Of(terms, policyChosen, policyRejected);
    }

    /// <inheritdoc />
    public void Dispose() => _optimizer.Dispose();

    private void SaveCheckpoint(string directory, IReadOnlyList<MetricPoint> metrics, IReadOnlyList<PolicyEvaluation> evaluations) =>
        RlhfCheckpoint.Save(
            directory,
            new RlhfCheckpointState(Method, Step, RlhfCheckpoint.OptionsJson(Options), [.. metrics], [.. evaluations], []),
            (RlhfCheckpoint.PolicyFile, p => ModelCheckpoint.Save(Policy, p, CheckpointSet.StepMetadata(Step))),
            (RlhfCheckpoint.OptimizerFile, p => OptimizerCheckpoint.Save(_optimizer, p, CheckpointSet.StepMetadata(Step))));

    private void Resume(string directory, List<MetricPoint> metrics, List<PolicyEvaluation> evaluations)
    {
        var state = RlhfCheckpoint.ReadState(directory, Method, Options);
        RlhfCheckpoint.LoadWeights(Policy, Path.Combine(directory, RlhfCheckpoint.PolicyFile));
        OptimizerCheckpoint.Load(_optimizer, Path.Combine(directory, RlhfCheckpoint.OptimizerFile));
        Step = state.GlobalStep;
        metrics.AddRange(state.Metrics);
        evaluations.AddRange(state.Evaluations);
    }

    private int[] BatchRows(int epoch, int index, int count)
    {
        var order = TrainingLoop.Permutation(count, Xoshiro256.Derive(Options.Seed, DataStream + (ulong)epoch));
        return order.Skip(index * Options.BatchSize).Take(Options.BatchSize).ToArray();
    }
}
