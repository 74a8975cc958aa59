using TorchSharp;
using static TorchSharp.torch;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// The named loss terms and diagnostics of the on-policy agents, as CleanRL writes them: <c>pg_loss</c> (PPO's clipped
/// surrogate, or A2C's plain policy gradient), <c>v_loss</c> (optionally clipped), <c>entropy</c>, and the diagnostics
/// <c>approx_kl</c> (the k3 estimator, (r - 1) - log r), <c>clipfrac</c> and <c>explained_variance</c>.
/// Tensors are 1-D over a minibatch.
/// </summary>
public static class OnPolicyLoss
{
    /// <summary>PPO's pg_loss: mean of max(-A r, -A clip(r, 1 - eps, 1 + eps)) with r = exp(new - old).</summary>
    public static Tensor ClippedPolicyLoss(Tensor newLogProbs, Tensor oldLogProbs, Tensor advantages, double clip)
    {
        ArgumentNullException.ThrowIfNull(newLogProbs);
        ArgumentNullException.ThrowIfNull(oldLogProbs);
        ArgumentNullException.ThrowIfNull(advantages);
        ArgumentOutOfRangeException.ThrowIfNegative(clip);
        using var scope = NewDisposeScope();
        var ratio = (newLogProbs - oldLogProbs).exp();
        var unclipped = -advantages * ratio;
        var clipped = -advantages * ratio.Clamp(1 - clip, 1 + clip);
        return maximum(unclipped, clipped).mean().MoveToOuterDisposeScope();
    }

    /// <summary>A2C's pg_loss: the mean of -A log pi(a|s).</summary>
    public static Tensor PolicyGradientLoss(Tensor logProbs, Tensor advantages)
    {
        ArgumentNullException.ThrowIfNull(logProbs);
        ArgumentNullException.ThrowIfNull(advantages);
        using var scope = NewDisposeScope();
        return (-advantages * logProbs).mean().MoveToOuterDisposeScope();
    }

    /// <summary>v_loss: half the mean squared error of the values against the returns.</summary>
    public static Tensor ValueLoss(Tensor values, Tensor returns)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(returns);
        using var scope = NewDisposeScope();
        return (values - returns).Squared().mean().Times(0.5).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// PPO's clipped v_loss: half the mean of max((V - R)^2, (V_old + clip(V - V_old, -eps, eps) - R)^2).
    /// </summary>
    public static Tensor ClippedValueLoss(Tensor newValues, Tensor oldValues, Tensor returns, double clip)
    {
        ArgumentNullException.ThrowIfNull(newValues);
        ArgumentNullException.ThrowIfNull(oldValues);
        ArgumentNullException.ThrowIfNull(returns);
        ArgumentOutOfRangeException.ThrowIfNegative(clip);
        using var scope = NewDisposeScope();
        var unclipped = (newValues - returns).Squared();
        var clippedValues = oldValues.Plus((newValues - oldValues).Clamp(-clip, clip));
        var clipped = (clippedValues - returns).Squared();
        return maximum(unclipped, clipped).mean().Times(0.5).MoveToOuterDisposeScope();
    }

    /// <summary>The mean entropy of the categorical distributions of <paramref name="logits"/> ([batch, actions]).</summary>
    public static Tensor Entropy(Tensor logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        using var scope = NewDisposeScope();
        var logProbs = nn.functional.log_softmax(logits, 1);
        return (-(logProbs.exp() * logProbs).sum(1)).mean().MoveToOuterDisposeScope();
    }

    /// <summary>Advantages standardised over the minibatch: (A - mean) / (std + 1e-8).</summary>
    public static Tensor Normalise(Tensor advantages)
    {
        ArgumentNullException.ThrowIfNull(advantages);
        using var scope = NewDisposeScope();
        using var epsilon = 1e-8.ToScalar();
        using var one = 1.ToScalar();
        return ((advantages - advantages.mean()) / advantages.std().add(epsilon, one)).MoveToOuterDisposeScope();
    }

    /// <summary>approx_kl: the mean of (r - 1) - log r, r = exp(new - old) (Schulman's k3 estimator of KL(old || new)).</summary>
    public static double ApproxKl(Tensor newLogProbs, Tensor oldLogProbs)
    {
        ArgumentNullException.ThrowIfNull(newLogProbs);
        ArgumentNullException.ThrowIfNull(oldLogProbs);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var logRatio = newLogProbs - oldLogProbs;
        return (logRatio.exp().Minus(1) - logRatio).mean().item<float>();
    }

    /// <summary>clipfrac: the share of entries whose ratio lies further than <paramref name="clip"/> from 1.</summary>
    public static double ClipFraction(Tensor newLogProbs, Tensor oldLogProbs, double clip)
    {
        ArgumentNullException.ThrowIfNull(newLogProbs);
        ArgumentNullException.ThrowIfNull(oldLogProbs);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return (newLogProbs - oldLogProbs).exp().Minus(1).abs().Greater(clip).to(ScalarType.Float32).mean().item<float>();
    }

    /// <summary>
    /// approx_kl and clipfrac together as a 2-element tensor (no gradient), for summing over minibatches without reading
    /// each value back: the same formulas as <see cref="ApproxKl"/> and <see cref="ClipFraction"/>.
    /// </summary>
    public static Tensor RatioDiagnostics(Tensor newLogProbs, Tensor oldLogProbs, double clip)
    {
        ArgumentNullException.ThrowIfNull(newLogProbs);
        ArgumentNullException.ThrowIfNull(oldLogProbs);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var logRatio = newLogProbs.detach() - oldLogProbs;
        var ratioMinusOne = logRatio.exp().Minus(1);
        var kl = (ratioMinusOne - logRatio).mean();
        var clipped = ratioMinusOne.abs().Greater(clip).to(ScalarType.Float32).mean();
        return stack([kl, clipped]).MoveToOuterDisposeScope();
    }

    /// <summary>explained_variance: 1 - Var(R - V) / Var(R) (NaN when the returns do not vary).</summary>
    public static double ExplainedVariance(ReadOnlySpan<double> values, ReadOnlySpan<double> returns)
    {
        if (values.Length != returns.Length)
            throw new ArgumentException($"{values.Length} values but {returns.Length} returns.", nameof(values));
        var n = returns.Length;
        if (n == 0)
            return double.NaN;
        double meanReturn = 0, meanError = 0;
        for (var i = 0; i < n; i++)
        {
            meanReturn += returns[i];
            meanError += returns[i] - values[i];
        }

        meanReturn /= n;
        meanError /= n;
        double varReturn = 0, varError = 0;
        for (var i = 0; i < n; i++)
        {
            varReturn += (returns[i] - meanReturn) * (returns[i] - meanReturn);
            var error = returns[i] - values[i] - meanError;
            varError += error * error;
        }

        return varReturn == 0 ? double.NaN : 1 - (varError / varReturn);
    }
}
