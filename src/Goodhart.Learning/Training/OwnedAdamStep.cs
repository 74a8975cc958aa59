using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Goodhart.Learning.Training;

/// <summary>
/// AdamW's update (Loshchilov and Hutter; PyTorch's algorithm without amsgrad) on a TorchSharp <see cref="AdamW"/>'s own
/// state, with every Scalar owned and disposed after its native call. TorchSharp 0.107's <c>AdamW.step</c> makes its
/// Scalars implicitly, and the garbage collector can finalise one while libtorch reads it ("Unknown scalar type",
/// "Expected false to be true" in <c>add_</c>): a 100,000-step PPO run failed inside that step. Every trainer steps
/// through this instead (<see cref="TrainingLoop.Step"/> for SFT, the reward model, DPO and RLHF PPO; the deep agents
/// and the oversight trainers directly). The state (step count, first and second moments) stays the optimizer's, so
/// <see cref="Checkpoints.OptimizerCheckpoint"/> saves and restores it unchanged (it copies in place, which this keeps
/// seeing); the hyperparameters are read from each param group at every step.
/// </summary>
internal sealed class OwnedAdamStep
{
    private readonly (Parameter Parameter, AdamW.State State, AdamW.ParamGroup Group)[] _entries;

    /// <summary>The step over <paramref name="optimizer"/>'s parameters and state (amsgrad and maximize are refused).</summary>
    public OwnedAdamStep(AdamW optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        var states = optimizer.state_dict().State.Select(s => (AdamW.State)s).ToArray();
        var entries = new List<(Parameter, AdamW.State, AdamW.ParamGroup)>();
        var i = 0;
        foreach (var group in optimizer.ParamGroups.Cast<AdamW.ParamGroup>())
        {
            if (group.Options.amsgrad == true || group.Options.maximize == true)
                throw new NotSupportedException("OwnedAdamStep implements AdamW without amsgrad or maximize.");
            foreach (var parameter in group.Parameters)
                entries.Add((parameter, states[i++], group));
        }

        _entries = [.. entries];
    }

    /// <summary>One AdamW step of every parameter with a gradient, each at its param group's current learning rate.</summary>
    public void Step() => Update(null);

    /// <summary>One AdamW step of every parameter with a gradient, all at <paramref name="learningRate"/>.</summary>
    public void Step(double learningRate) => Update(learningRate);

    private void Update(double? learningRate)
    {
        using var _ = no_grad();
        using var one = 1.ToScalar();
        foreach (var (parameter, state, group) in _entries)
        {
            using var grad = parameter.grad;
            if (grad is null)
                continue;
            var options = group.Options;
            var rate = learningRate ?? group.LearningRate;
            state.step++;
            var beta1 = options.beta1!.Value;
            var beta2 = options.beta2!.Value;
            var decay = options.weight_decay!.Value;
            if (decay != 0)
            {
                using var keep = (1 - (rate * decay)).ToScalar();
                parameter.mul_(keep);
            }

            using var b1 = beta1.ToScalar();
            using var b2 = beta2.ToScalar();
            using var oneMinusB1 = (1 - beta1).ToScalar();
            using var oneMinusB2 = (1 - beta2).ToScalar();
            state.exp_avg.mul_(b1).add_(grad, oneMinusB1);
            state.exp_avg_sq.mul_(b2).addcmul_(grad, grad, oneMinusB2);
            var correction1 = 1 - Math.Pow(beta1, state.step);
            var correction2 = 1 - Math.Pow(beta2, state.step);
            using var root2 = Math.Sqrt(correction2).ToScalar();
            using var epsilon = options.eps!.Value.ToScalar();
            using var stepSize = (-rate / correction1).ToScalar();
            using var denominator = state.exp_avg_sq.sqrt().div_(root2).add_(epsilon, one);
            parameter.addcdiv_(state.exp_avg, denominator, stepSize);
        }
    }
}
