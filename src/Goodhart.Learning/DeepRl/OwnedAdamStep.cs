using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// AdamW's update (Loshchilov and Hutter; PyTorch's algorithm without amsgrad) on a TorchSharp <see cref="AdamW"/>'s own
/// state, with every Scalar owned and disposed after its native call. TorchSharp 0.107's <c>AdamW.step</c> makes its
/// Scalars implicitly, and the garbage collector can finalise one while libtorch reads it: the deep agents take
/// thousands of small steps with many allocations between them, and a 100,000-step PPO run failed in
/// <c>add_(Scalar)</c> inside that step. The state (step count, first and second moments) is the optimizer's, so
/// <see cref="Checkpoints.OptimizerCheckpoint"/> saves and restores it unchanged.
/// </summary>
internal sealed class OwnedAdamStep
{
    private readonly (Parameter Parameter, AdamW.State State, AdamW.Options Options)[] _entries;

    public OwnedAdamStep(AdamW optimizer)
    {
        var states = optimizer.state_dict().State.Select(s => (AdamW.State)s).ToArray();
        var entries = new List<(Parameter, AdamW.State, AdamW.Options)>();
        var i = 0;
        foreach (var group in optimizer.ParamGroups.Cast<AdamW.ParamGroup>())
        {
            foreach (var parameter in group.Parameters)
                entries.Add((parameter, states[i++], group.Options));
        }

        _entries = [.. entries];
    }

    /// <summary>One AdamW step of every parameter with a gradient, at <paramref name="learningRate"/>.</summary>
    public void Step(double learningRate)
    {
        using var _ = no_grad();
        using var one = 1.ToScalar();
        foreach (var (parameter, state, options) in _entries)
        {
            if (parameter.grad is not { } grad)
                continue;
            state.step++;
            var beta1 = options.beta1!.Value;
            var beta2 = options.beta2!.Value;
            var decay = options.weight_decay!.Value;
            if (decay != 0)
            {
                using var keep = (1 - (learningRate * decay)).ToScalar();
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
            using var stepSize = (-learningRate / correction1).ToScalar();
            using var denominator = state.exp_avg_sq.sqrt().div_(root2).add_(epsilon, one);
            parameter.addcdiv_(state.exp_avg, denominator, stepSize);
        }
    }
}
