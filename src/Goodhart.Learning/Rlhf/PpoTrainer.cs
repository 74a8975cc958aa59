using System.Diagnostics;
using Goodhart.Core.Randomness;
using Goodhart.Core.Runs;
using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Data;
using Goodhart.Learning.Generation;
using Goodhart.Learning.Models;
using Goodhart.Learning.Text;
using Goodhart.Learning.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// PPO with a per-token KL penalty to a frozen reference, for a language-model policy against any
/// <see cref="IRewardScorer"/> (TRL's PPOTrainer, read top to bottom). Each iteration: sample a response to each
/// of a batch of prompts, score the texts, compute the rollout's log-probabilities under the policy and the
/// reference and the value model's values, build per-token rewards (KL penalty, score at the last token), GAE
/// advantages and returns, then run <see cref="PpoOptions.PpoEpochs"/> passes of minibatch updates of the clipped
/// surrogate plus vf_coef times the clipped value loss. The value model is a separate
/// <see cref="ScalarHeadModel"/> (usually <see cref="ScalarHeadModel.FromPolicy"/> of the SFT policy). Dropout
/// should be 0 (as TRL sets it) so the rollout's log-probabilities are the ones the update starts from. With a
/// <see cref="CheckpointDirectory"/>, the run saves the policy, the value model, AdamW's state, the sampling
/// generator's state, the iteration and the metrics so far there, and <see cref="Train"/> continues from the
/// checkpoint it finds; prompt and minibatch orders are functions of (seed, iteration), so with a deterministic
/// scorer the resumed run is bit-identical to an uninterrupted one on CPU.
/// </summary>
public sealed class PpoTrainer : IDisposable
{
    private const string Method = "ppo";
    private const ulong PromptStream = 0x9901;
    private const ulong RolloutStream = 0x9902;
    private const ulong MiniBatchStream = 0x9903;
    private const ulong DropoutStream = 0x9904;

    private readonly AdamW _optimizer;
    private readonly Generator _generator;
    private readonly Parameter[] _parameters;

    /// <summary>A trainer at iteration 0.</summary>
    public PpoTrainer(CausalLanguageModel policy, CausalLanguageModel reference, ScalarHeadModel valueModel, IRewardScorer scorer, PpoOptions options)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(valueModel);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (ReferenceEquals(policy, reference))
        {
            throw new ArgumentException("The reference must be a separate (frozen) copy of the policy; see PolicyCopies.FrozenReference.");
        }

        Policy = policy;
        Reference = reference;
        ValueModel = valueModel;
        Scorer = scorer;
        Options = options;
        _parameters = [.. policy.parameters(), .. valueModel.parameters()];
        _optimizer = TrainingLoop.AdamW(_parameters, options.Optimiser);
        _generator = TorchRuntime.CreateGenerator(options.Seed, RolloutStream, policy.Backbone.TokenEmbedding.device);
        Sampling = new SamplingOptions { MaxNewTokens = options.MaxNewTokens };
    }

    /// <summary>The policy being trained.</summary>
    public CausalLanguageModel Policy { get; }

    /// <summary>The frozen reference pi_ref.</summary>
    public CausalLanguageModel Reference { get; }

    /// <summary>The value model (critic), trained beside the policy.</summary>
    public ScalarHeadModel ValueModel { get; }

    /// <summary>What the policy is optimised against.</summary>
    public IRewardScorer Scorer { get; }

    /// <summary>The run's settings.</summary>
    public PpoOptions Options { get; }

    /// <summary>How rollouts are sampled: temperature 1, no top-k or top-p, up to <see cref="PpoOptions.MaxNewTokens"/>.</summary>
    public SamplingOptions Sampling { get; }

    /// <summary>Iterations taken so far.</summary>
    public int Step { get; private set; }

    /// <summary>Folder of the run's checkpoint (<see cref="RlhfCheckpoint"/>): saved to, and resumed from when it holds one; null: none.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Iterations between checkpoints (the last iteration always saves); 0: only at the end.</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>Runs <see cref="PpoOptions.Steps"/> iterations on batches of <paramref name="prompts"/> (texts), evaluating when an evaluator is given.</summary>
    public PolicyOptimisationResult Train(
        IReadOnlyList<string> prompts,
        PolicyEvaluator? evaluator = null,
        IProgress<RlhfProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        if (prompts.Count == 0)
        {
            throw new ArgumentException("No prompts to train on.", nameof(prompts));
        }

        var clock = Stopwatch.StartNew();
        var metrics = new List<MetricPoint>();
        var evaluations = new List<PolicyEvaluation>();

        void Evaluate()
        {
            if (evaluator is not null)
            {
                var evaluation = evaluator.Evaluate(Policy, Step, Scorer);
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

        while (Step < Options.Steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = PromptRows(Step, prompts.Count).Select(i => prompts[i]).ToArray();
            var points = TrainStep(batch).ToMetricPoints(Step);
            metrics.AddRange(points);
            progress?.Report(new RlhfProgress(Step, Options.Steps, points));
            if (Step == Options.Steps || (Options.EvalEvery > 0 && Step % Options.EvalEvery == 0))
            {
                Evaluate();
            }

            if (CheckpointDirectory is not null && TrainingLoop.SavesAfter(Step, Options.Steps, CheckpointEvery))
            {
                SaveCheckpoint(CheckpointDirectory, metrics, evaluations);
            }
        }

        return new PolicyOptimisationResult("ppo", Step, metrics, evaluations, clock.Elapsed.TotalSeconds);
    }

    /// <summary>One iteration on <paramref name="prompts"/>: rollout, scoring, advantages, PPO epochs; returns its diagnostics.</summary>
    public PpoStepStatistics TrainStep(IReadOnlyList<string> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        // Dropout (when the models have it) draws from torch's global generator: reseeded from (seed, iteration), as
        // DPO and the reward model do, so a resumed run takes exactly the steps an uninterrupted one would.
        lock (TorchRuntime.GlobalGeneratorLock) // a reseed never lands inside another model's seeded initialisation
            manual_seed(TorchRuntime.TorchSeed(Options.Seed, DropoutStream + (ulong)Step));
        var promptTokens = prompts.Select(CharTokenizer.Encode).ToArray();
        var responseTokens = Sampler.Generate(Policy, promptTokens, Sampling, _generator);
        var scores = Scorer.Score(prompts, responseTokens.Select(CharTokenizer.Decode).ToArray());
        if (scores.Length != prompts.Count || scores.Any(s => !double.IsFinite(s)))
        {
            throw new InvalidOperationException($"Scorer '{Scorer.Name}' must return one finite score per response.");
        }

        using var scope = NewDisposeScope();
        var device = Policy.Backbone.TokenEmbedding.device;
        var batch = SequenceBatch.Create(promptTokens, responseTokens, device, Policy.Options.ContextLength);
        var (rows, width) = ((int)batch.Inputs.shape[0], (int)batch.Inputs.shape[1]);
        Tensor oldLogProbs, referenceLogProbs, oldValues;
        Policy.train();
        ValueModel.train();
        using (no_grad())
        {
            oldLogProbs = SequenceScoring.ContinuationTokenLogProbs(Policy, batch);
            referenceLogProbs = SequenceScoring.ContinuationTokenLogProbs(Reference, batch);
            oldValues = ValueModel.forward(batch.Inputs) * batch.Mask;
        }

        var rollout = PpoRollout.Compute(
            rows, width, Floats(batch.Mask), Floats(oldLogProbs), Floats(referenceLogProbs), Floats(oldValues), scores, Options);
        var advantages = tensor(rollout.Advantages, [rows, width], device: device);
        var returns = tensor(rollout.Returns, [rows, width], device: device);

        var updates = new List<double[]>();
        var rng = new Xoshiro256(Xoshiro256.Derive(Options.Seed, MiniBatchStream + (ulong)Step));
        for (var epoch = 0; epoch < Options.PpoEpochs; epoch++)
        {
            var order = TrainingLoop.Permutation(rows, ref rng);
            for (var m = 0; m < Options.MiniBatches; m++)
            {
                var start = m * rows / Options.MiniBatches;
                var end = (m + 1) * rows / Options.MiniBatches;
                if (end > start)
                {
                    using var index = tensor(order[start..end].Select(i => (long)i).ToArray(), device: device);
                    updates.Add(Update(batch, index, oldLogProbs, oldValues, advantages, returns));
                }
            }
        }

        double Average(int k) => updates.Average(u => u[k]);
        var eos = responseTokens.Count(r => r.Length > 0 && r[^1] == CharTokenizer.Eos);
        Step++;
        return new PpoStepStatistics(
            rollout.Kl,
            rollout.Entropy,
            rollout.NonScoreReward,
            rollout.Scores + rollout.NonScoreReward,
            rollout.Scores,
            ApproxKl: Average(0),
            ClipFraction: Average(1),
            PolicyLoss: Average(2),
            ValueLoss: Average(3),
            ValueClipFraction: Average(4),
            PolicyEntropy: Average(5),
            Ratio: Average(6),
            rollout.VarianceExplained,
            eos,
            rollout.MeanLength);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _optimizer.Dispose();
        _generator.Dispose();
    }

    private void SaveCheckpoint(string directory, IReadOnlyList<MetricPoint> metrics, IReadOnlyList<PolicyEvaluation> evaluations) =>
        RlhfCheckpoint.Save(
            directory,
            new RlhfCheckpointState(Method, Step, RlhfCheckpoint.OptionsJson(Options), [.. metrics], [.. evaluations], []),
            (RlhfCheckpoint.PolicyFile, p => ModelCheckpoint.Save(Policy, p, CheckpointSet.StepMetadata(Step))),
            (RlhfCheckpoint.ScalarHeadFile, p => ModelCheckpoint.Save(ValueModel, p, CheckpointSet.StepMetadata(Step))),
            (RlhfCheckpoint.OptimizerFile, p => OptimizerCheckpoint.Save(_optimizer, p, CheckpointSet.StepMetadata(Step))),
            (RlhfCheckpoint.GeneratorFile, p => RlhfCheckpoint.SaveGenerator(_generator, p, Step)));

    private void Resume(string directory, List<MetricPoint> metrics, List<PolicyEvaluation> evaluations)
    {
        var state = RlhfCheckpoint.ReadState(directory, Method, Options);
        RlhfCheckpoint.LoadWeights(Policy, Path.Combine(directory, RlhfCheckpoint.PolicyFile));
        RlhfCheckpoint.LoadWeights(ValueModel, Path.Combine(directory, RlhfCheckpoint.ScalarHeadFile));
        OptimizerCheckpoint.Load(_optimizer, Path.Combine(directory, RlhfCheckpoint.OptimizerFile));
        RlhfCheckpoint.LoadGenerator(_generator, Path.Combine(directory, RlhfCheckpoint.GeneratorFile));
        Step = state.GlobalStep;
        metrics.AddRange(state.Metrics);
        evaluations.AddRange(state.Evaluations);
    }

    /// <summary>One minibatch update; returns approx-KL, clip fraction, policy loss, value loss, value clip fraction, entropy, ratio.</summary>
    private double[] Update(SequenceBatch batch, Tensor index, Tensor oldLogProbs, Tensor oldValues, Tensor advantages, Tensor returns)
    {
        using var scope = NewDisposeScope();
        var inputs = batch.Inputs.index_select(0, index);
        var targets = batch.Targets.index_select(0, index);
        var mask = batch.Mask.index_select(0, index);
        var logits = Policy.forward(inputs);
        var newLogProbs = SequenceScoring.TokenLogProbs(logits, targets);
        var newValues = ValueModel.forward(inputs);
        var policyTerms = PpoLoss.ClippedSurrogate(
            newLogProbs, oldLogProbs.index_select(0, index), advantages.index_select(0, index), mask, Options.ClipRange);
        var valueTerms = PpoLoss.ClippedValueLoss(
            newValues, oldValues.index_select(0, index), returns.index_select(0, index), mask, Options.ClipRangeValue);
        var loss = policyTerms.Loss.Plus(valueTerms.Loss.Times(Options.VfCoef));

        _optimizer.zero_grad();
        loss.backward();
        TrainingLoop.Step(_optimizer, _parameters, Options.Optimiser);
        using var _ = no_grad();
        var entropy = PpoLoss.MaskedMean(SequenceScoring.TokenEntropy(logits), mask);
        return
        [
            Scalar(policyTerms.ApproxKl), Scalar(policyTerms.ClipFraction), Scalar(policyTerms.Loss), Scalar(valueTerms.Loss),
            Scalar(valueTerms.ClipFraction), Scalar(entropy), Scalar(policyTerms.Ratio),
        ];
    }

    /// <summary>The prompt indices of iteration <paramref name="step"/>: consecutive slices of a seeded permutation per pass.</summary>
    private int[] PromptRows(int step, int count)
    {
        var rows = new int[Options.BatchSize];
        int[]? order = null;
        var orderEpoch = -1L;
        for (var j = 0; j < rows.Length; j++)
        {
            var position = ((long)step * Options.BatchSize) + j;
            var epoch = position / count;
            if (epoch != orderEpoch)
            {
                var rng = new Xoshiro256(Xoshiro256.Derive(Options.Seed, PromptStream + (ulong)epoch));
                order = TrainingLoop.Permutation(count, ref rng);
                orderEpoch = epoch;
            }

            rows[j] = order![(int)(position % count)];
        }

        return rows;
    }

    private static float[] Floats(Tensor values) => values.detach().cpu().to(ScalarType.Float32).contiguous().data<float>().ToArray();

    private static double Scalar(Tensor value) => value.detach().to(ScalarType.Float64).item<double>();
}
