using Goodhart.Core.Randomness;
using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Training;
using TorchSharp;
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
        var backend = o.BackendFor(request.Network ?? throw new ArgumentException("the request has no network.", nameof(request)));

        // The settings a checkpoint records name the backend used, so a run resumes only with the same one.
        using var run = OnPolicyRun.Start(Name, request, o.Envs, o.RolloutSteps, o.Gamma, o.RewardScale, o.Optimiser, o with { Backend = backend });
        var fused = backend == PpoBackend.Fused ? FusedPpoUpdate.For(run.Policy.Network, run.Optimizer, o) : null;
        var rollout = run.Rollout;
        var batch = run.BatchSize;
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

            // Update: epochs x shuffled minibatches of the flattened rollout, in C# or through libtorch.
            var pass = Xoshiro256.Derive(request.Seed, MinibatchStream);
            int[] Order(int epoch) => TrainingLoop.Permutation(batch, Xoshiro256.Derive(pass, (ulong)(((long)update * o.Epochs) + epoch)));
            var (totals, minibatches) = fused is not null
                ? fused.Update(rollout, advantages, returns, learningRate, Order)
                : TorchUpdate(run, advantages, returns, learningRate, Order);
            double pgLoss = totals[0], vLoss = totals[1], entropy = totals[2], approxKl = totals[3], clipFraction = totals[4];

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

    /// <summary>
    /// The update through libtorch (<see cref="PpoBackend.Torch"/>): for each epoch the minibatches of
    /// <paramref name="order"/>(epoch), each a forward pass, the loss, autograd's backward, a clip and an AdamW step;
    /// returns pg_loss, v_loss, entropy, approx_kl and clipfrac summed over the minibatches, and how many there were.
    /// </summary>
    private (double[] Sums, int Minibatches) TorchUpdate(OnPolicyRun run, double[] advantages, double[] returns, double learningRate, Func<int, int[]> order)
    {
        var o = Options;
        var rollout = run.Rollout;
        var shape = rollout.Input;
        var batch = run.BatchSize;
        var minibatch = batch / o.Minibatches;
        using var scope = NewDisposeScope();
        var boards = tensor(rollout.Planes, [batch, shape.Planes, shape.Height, shape.Width]);
        var actions = tensor(rollout.Actions, [batch]);
        var oldLogProbs = tensor(rollout.LogProbs, [batch]);
        var oldValues = tensor(Array.ConvertAll(rollout.Values, v => (float)v), [batch]);
        var allAdvantages = tensor(Array.ConvertAll(advantages, v => (float)v), [batch]);
        var allReturns = tensor(Array.ConvertAll(returns, v => (float)v), [batch]);
        using var one = 1.ToScalar(); // owned: an implicit Scalar can be finalised while libtorch reads it
        var sums = zeros(5); // pg_loss, v_loss, entropy, approx_kl, clipfrac summed over minibatches
        var minibatches = 0;
        for (var epoch = 0; epoch < o.Epochs; epoch++)
        {
            // One gather per pass in the shuffled order; minibatches are then contiguous slices (views).
            using var pass = NewDisposeScope();
            var index = tensor(Array.ConvertAll(order(epoch), i => (long)i), [batch]);
            var passBoards = boards.index_select(0, index);
            var passActions = actions.index_select(0, index).unsqueeze(1);
            var passOldLogProbs = oldLogProbs.index_select(0, index);
            var passOldValues = oldValues.index_select(0, index);
            var passAdvantages = allAdvantages.index_select(0, index);
            var passReturns = allReturns.index_select(0, index);
            var epochSums = zeros(5);
            for (var start = 0; start + minibatch <= batch; start += minibatch)
            {
                using var inner = NewDisposeScope();
                var (logits, newValues) = run.Policy.Network.forward(passBoards.narrow(0, start, minibatch));
                var newLogProbs = nn.functional.log_softmax(logits, 1).gather(1, passActions.narrow(0, start, minibatch)).squeeze(1);
                var mbOldLogProbs = passOldLogProbs.narrow(0, start, minibatch);
                var mbAdvantages = passAdvantages.narrow(0, start, minibatch);
                var mbReturns = passReturns.narrow(0, start, minibatch);
                if (o.NormaliseAdvantages)
                    mbAdvantages = OnPolicyLoss.Normalise(mbAdvantages);

                var policyLoss = OnPolicyLoss.ClippedPolicyLoss(newLogProbs, mbOldLogProbs, mbAdvantages, o.Clip);
                var valueLoss = o.ClipValueLoss
                    ? OnPolicyLoss.ClippedValueLoss(newValues, passOldValues.narrow(0, start, minibatch), mbReturns, o.Clip)
                    : OnPolicyLoss.ValueLoss(newValues, mbReturns);
                var entropyTerm = OnPolicyLoss.Entropy(logits);
                var loss = policyLoss.Plus(valueLoss.Times(o.ValueCoefficient)).Plus(entropyTerm.Times(-o.EntropyCoefficient));

                run.Optimizer.zero_grad();
                loss.backward();
                run.OptimiserStep(learningRate);

                using (no_grad())
                    epochSums.add_(cat([stack([policyLoss, valueLoss, entropyTerm]), OnPolicyLoss.RatioDiagnostics(newLogProbs, mbOldLogProbs, o.Clip)]), one);
                minibatches++;
            }

            sums.add_(epochSums, one);
            if (o.TargetKl is { } target && epochSums[3].item<float>() / o.Minibatches > target)
                break;
        }

        return ([.. sums.data<float>().ToArray().Select(v => (double)v)], minibatches);
    }
}
