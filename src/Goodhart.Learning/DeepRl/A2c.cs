using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Training;
using static TorchSharp.torch;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// Advantage Actor-Critic (Mnih et al. 2016, synchronous, as in the gridworlds paper and Stable-Baselines3's A2C):
/// copies of the env stepped together for a few steps, n-step (GAE) advantages, and one gradient step on
/// pg_loss - ent_coef x entropy + vf_coef x v_loss over the whole rollout, run in C# for the MLP torso or through
/// libtorch (<see cref="A2cOptions.Backend"/>). It sees the one-hot board and the visible reward only. Deterministic by seed; checkpoints at update boundaries resume bit-exactly.
/// </summary>
public sealed class A2c(A2cOptions options) : IDeepAgent
{
    /// <summary>A2C with the documented defaults of <see cref="A2cOptions"/>.</summary>
    public A2c()
        : this(new A2cOptions())
    {
    }

    /// <summary>The settings it trains with.</summary>
    public A2cOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <inheritdoc />
    public string Name => "a2c";

    /// <inheritdoc />
    public string Description => "advantage actor-critic (synchronous, n-step returns), on-policy";

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
        var inOrder = Enumerable.Range(0, batch).ToArray();

        for (var update = run.DoneUpdates + 1; update <= run.Updates; update++)
        {
            run.ThrowIfCancelled(update, cancellation);
            var learningRate = run.LearningRate(update, o.AnnealLearningRate);

            // Rollout: T steps of every copy with the current policy.
            rollout.Collect(run.Policy.Network, hooks, run.Episodes);

            // Advantages: n-step (GAE with lambda 1 by default), bootstrapped from the values after the last step.
            Gae.Compute(rollout.Rewards, rollout.Values, rollout.Ends, rollout.NextValues, o.Envs, o.Gamma, o.Lambda, advantages, returns);

            // Update: one gradient step over the whole rollout, in C# or through libtorch; then approx_kl and clipfrac
            // of the step just taken.
            double[] terms;
            if (fused is not null)
            {
                terms = fused.Update(rollout, advantages, returns, learningRate, _ => inOrder).Sums;
                (terms[3], terms[4]) = fused.RatioDiagnostics(inOrder);
            }
            else
            {
                terms = TorchUpdate(run, advantages, returns, learningRate);
            }

            // Diagnostics, then a checkpoint when one is due.
            run.EndUpdate(update, new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["policy_loss"] = terms[0],
                ["value_loss"] = terms[1],
                ["entropy"] = terms[2],
                ["approx_kl"] = terms[3],
                ["clipfrac"] = terms[4],
                ["explained_variance"] = OnPolicyLoss.ExplainedVariance(rollout.Values, returns),
                ["learning_rate"] = learningRate,
            }, hooks);
        }

        return run.Finish();
    }

    /// <summary>
    /// The update through libtorch (<see cref="PpoBackend.Torch"/>): a forward pass over the whole rollout, the loss,
    /// autograd's backward, a clip and an AdamW step; returns pg_loss, v_loss, entropy (before the step) and approx_kl
    /// and clipfrac (of the step just taken).
    /// </summary>
    private double[] TorchUpdate(OnPolicyRun run, double[] advantages, double[] returns, double learningRate)
    {
        var o = Options;
        var rollout = run.Rollout;
        var shape = rollout.Input;
        var batch = run.BatchSize;
        using var scope = NewDisposeScope();
        var boards = tensor(rollout.Planes, [batch, shape.Planes, shape.Height, shape.Width]);
        var actions = tensor(rollout.Actions, [batch]);
        var allAdvantages = tensor(Array.ConvertAll(advantages, v => (float)v), [batch]);
        var allReturns = tensor(Array.ConvertAll(returns, v => (float)v), [batch]);
        if (o.NormaliseAdvantages)
            allAdvantages = OnPolicyLoss.Normalise(allAdvantages);

        var (logits, values) = run.Policy.Network.forward(boards);
        var logProbs = nn.functional.log_softmax(logits, 1).gather(1, actions.unsqueeze(1)).squeeze(1);
        var policyLoss = OnPolicyLoss.PolicyGradientLoss(logProbs, allAdvantages);
        var valueLoss = OnPolicyLoss.ValueLoss(values, allReturns);
        var entropy = OnPolicyLoss.Entropy(logits);
        var loss = policyLoss.Plus(valueLoss.Times(o.ValueCoefficient)).Plus(entropy.Times(-o.EntropyCoefficient));

        run.Optimizer.zero_grad();
        loss.backward();
        run.OptimiserStep(learningRate);

        using var newLogProbs = CurrentLogProbs(run, boards, actions);
        var oldLogProbs = tensor(rollout.LogProbs, [batch]);
        return
        [
            policyLoss.item<float>(),
            valueLoss.item<float>(),
            entropy.item<float>(),
            OnPolicyLoss.ApproxKl(newLogProbs, oldLogProbs),
            OnPolicyLoss.ClipFraction(newLogProbs, oldLogProbs, FusedUpdateSettings.A2cClipFractionThreshold),
        ];
    }

    private static Tensor CurrentLogProbs(OnPolicyRun run, Tensor boards, Tensor actions)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var (logits, _) = run.Policy.Network.forward(boards);
        return nn.functional.log_softmax(logits, 1).gather(1, actions.unsqueeze(1)).squeeze(1).MoveToOuterDisposeScope();
    }
}
