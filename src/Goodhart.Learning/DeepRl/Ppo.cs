using Goodhart.Core.Randomness;
using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Training;
using static TorchSharp.torch;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// Proximal Policy Optimization (Schulman et al. 2017) on the gridworlds, after CleanRL's <c>ppo.py</c>: copies of
/// the env stepped together, a rollout of T steps from the current policy, GAE advantages, then a few passes of
/// shuffled minibatches minimising pg_loss (the clipped surrogate) - ent_coef x entropy + vf_coef x v_loss. It sees
/// the one-hot board and the visible reward only. Deterministic by seed (the minibatch order is a function of seed,
/// update and pass); checkpoints at update boundaries resume bit-exactly.
/// </summary>
public sealed class Ppo(PpoOptions options) : IDeepAgent
{
    /// <summary>The sub-stream of the run's seed that orders minibatches.</summary>
    public const ulong MinibatchStream = 0x5050;

    /// <summary>PPO with the documented defaults of <see cref="PpoOptions"/>.</summary>
    public Ppo()
        : this(new PpoOptions())
    {
    }

    /// <summary>The settings it trains with.</summary>
    public PpoOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <inheritdoc />
    public string Name => "ppo";

    /// <inheritdoc />
    public string Description => "proximal policy optimisation (clipped surrogate, GAE), on-policy actor-critic";

    /// <inheritdoc />
    public IDeepPolicy LoadPolicy(string path) => ActorCriticPolicy.Load(Name, path);

    /// <inheritdoc />
    public DeepTrainingResult Train(DeepTrainingRequest request, DeepTrainingHooks? hooks = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var o = Options;
        o.Validate();
        using var run = OnPolicyRun.Start(Name, request, o.Envs, o.RolloutSteps, o.Gamma, o.RewardScale, o.Optimiser, o);
        var rollout = run.Rollout;
        var shape = rollout.Shape;
        var batch = run.BatchSize;
        var minibatch = batch / o.Minibatches;
        var advantages = new double[batch];
        var returns = new double[batch];

        for (var update = run.DoneUpdates + 1; update <= run.Updates; update++)
        {
            run.ThrowIfCancelled(update, cancellation);
            var learningRate = run.LearningRate(update, o.AnnealLearningRate);

            // Rollout: T steps of every copy with the current policy.
            rollout.Collect(run.Policy.Network, hooks, run.Episodes);

            // Advantages: GAE over the rollout, bootstrapped from the values after its last step.
            Gae.Compute(rollout.Rewards, rollout.Values, rollout.Ends, rollout.NextValues, o.Envs, o.Gamma, o.Lambda, advantages, returns);

            // Update: epochs x shuffled minibatches of the flattened rollout.
            using var scope = NewDisposeScope();
            var boards = tensor(rollout.Planes, [batch, shape.Planes, shape.Height, shape.Width]);
            var actions = tensor(rollout.Actions, [batch]);
            var oldLogProbs = tensor(rollout.LogProbs, [batch]);
            var oldValues = tensor(Array.ConvertAll(rollout.Values, v => (float)v), [batch]);
            var allAdvantages = tensor(Array.ConvertAll(advantages, v => (float)v), [batch]);
            var allReturns = tensor(Array.ConvertAll(returns, v => (float)v), [batch]);
            double pgLoss = 0, vLoss = 0, entropy = 0, approxKl = 0, clipFraction = 0;
            var minibatches = 0;
            for (var epoch = 0; epoch < o.Epochs; epoch++)
            {
                var order = TrainingLoop.Permutation(batch, Xoshiro256.Derive(Xoshiro256.Derive(request.Seed, MinibatchStream), (ulong)(((long)update * o.Epochs) + epoch)));
                double epochKl = 0;
                for (var start = 0; start + minibatch <= batch; start += minibatch)
                {
                    using var inner = NewDisposeScope();
                    var index = tensor(Array.ConvertAll(order[start..(start + minibatch)], i => (long)i), [minibatch]);
                    var (logits, newValues) = run.Policy.Network.forward(boards.index_select(0, index));
                    var newLogProbs = nn.functional.log_softmax(logits, 1).gather(1, actions.index_select(0, index).unsqueeze(1)).squeeze(1);
                    var mbOldLogProbs = oldLogProbs.index_select(0, index);
                    var mbAdvantages = allAdvantages.index_select(0, index);
                    if (o.NormaliseAdvantages)
                        mbAdvantages = OnPolicyLoss.Normalise(mbAdvantages);

                    var policyLoss = OnPolicyLoss.ClippedPolicyLoss(newLogProbs, mbOldLogProbs, mbAdvantages, o.Clip);
                    var valueLoss = o.ClipValueLoss
                        ? OnPolicyLoss.ClippedValueLoss(newValues, oldValues.index_select(0, index), allReturns.index_select(0, index), o.Clip)
                        : OnPolicyLoss.ValueLoss(newValues, allReturns.index_select(0, index));
                    var entropyTerm = OnPolicyLoss.Entropy(logits);
                    var loss = policyLoss.Plus(valueLoss.Times(o.ValueCoefficient)).Plus(entropyTerm.Times(-o.EntropyCoefficient));

                    run.Optimizer.zero_grad();
                    loss.backward();
                    run.OptimiserStep(learningRate);

                    var kl = OnPolicyLoss.ApproxKl(newLogProbs, mbOldLogProbs);
                    pgLoss += policyLoss.item<float>();
                    vLoss += valueLoss.item<float>();
                    entropy += entropyTerm.item<float>();
                    approxKl += kl;
                    epochKl += kl;
                    clipFraction += OnPolicyLoss.ClipFraction(newLogProbs, mbOldLogProbs, o.Clip);
                    minibatches++;
                }

                if (o.TargetKl is { } target && epochKl / o.Minibatches > target)
                    break;
            }

            // Diagnostics, then a checkpoint when one is due.
            run.EndUpdate(update, new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["policy_loss"] = pgLoss / minibatches,
                ["value_loss"] = vLoss / minibatches,
                ["entropy"] = entropy / minibatches,
                ["approx_kl"] = approxKl / minibatches,
                ["clipfrac"] = clipFraction / minibatches,
                ["explained_variance"] = OnPolicyLoss.ExplainedVariance(rollout.Values, returns),
                ["learning_rate"] = learningRate,
            }, hooks);
        }

        return run.Finish();
    }
}
