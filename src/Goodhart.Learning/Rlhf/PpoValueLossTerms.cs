using static TorchSharp.torch;

namespace Goodhart.Learning.Rlhf;

/// <summary>PPO's clipped value loss on a minibatch (only <see cref="Loss"/> carries gradients).</summary>
/// <param name="Loss">0.5 times the masked mean of max((V - R)^2, (V_old + clip(V - V_old, -eps, eps) - R)^2) (TRL's <c>vf_loss</c>).</param>
/// <param name="ClipFraction">Share of tokens where the clipped term is the larger (TRL's <c>vf_clipfrac</c>).</param>
public sealed record PpoValueLossTerms(Tensor Loss, Tensor ClipFraction);
