using static TorchSharp.torch;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// PPO's clipped surrogate on a minibatch and its diagnostics (scalars; only <see cref="Loss"/> carries gradients).
/// </summary>
/// <param name="Loss">Masked mean of max(-A r, -A clip(r, 1 - eps, 1 + eps)) (TRL's <c>pg_loss</c>).</param>
/// <param name="ClipFraction">Share of tokens where the clipped term is the larger (TRL's <c>pg_clipfrac</c>).</param>
/// <param name="ApproxKl">Masked mean of (log r)^2 / 2 (TRL's <c>approxkl</c>).</param>
/// <param name="Ratio">Masked mean of the probability ratio r = pi / pi_old.</param>
public sealed record PpoPolicyLossTerms(Tensor Loss, Tensor ClipFraction, Tensor ApproxKl, Tensor Ratio);
