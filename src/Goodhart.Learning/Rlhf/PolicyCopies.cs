using Goodhart.Learning.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// Copies of a policy for RLHF: the frozen reference pi_ref (the SFT policy the KL is measured against) and
/// trainable copies to optimise, so one SFT checkpoint can start several runs (a beta sweep, PPO beside DPO).
/// </summary>
public static class PolicyCopies
{
    /// <summary>A new model with <paramref name="policy"/>'s shape and weights, on the same device, in training mode.</summary>
    public static CausalLanguageModel Clone(CausalLanguageModel policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var device = policy.Backbone.TokenEmbedding.device;
        var copy = CausalLanguageModel.Create(policy.Options, seed: 0, device);
        using var _ = no_grad();
        var source = policy.state_dict();
        foreach (var (name, target) in copy.state_dict())
        {
            target.copy_(source[name]);
        }

        copy.train();
        return copy;
    }

    /// <summary>A frozen copy of <paramref name="policy"/>: no gradients, evaluation mode (the reference pi_ref).</summary>
    public static CausalLanguageModel FrozenReference(CausalLanguageModel policy)
    {
        var reference = Clone(policy);
        foreach (var parameter in reference.parameters())
        {
            parameter.requires_grad = false;
        }

        reference.eval();
        return reference;
    }
}
