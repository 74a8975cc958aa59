using static TorchSharp.torch;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// The per-token losses of PPO for language models as TRL writes them: the clipped surrogate of the policy, the
/// clipped value loss, and the masked statistics they use. Tensors are [batch, time] with a 0/1 mask of response
/// tokens.
/// </summary>
public static class PpoLoss
{
    /// <summary>
    /// The clipped surrogate from the new and old per-token log-probabilities, the advantages and the mask;
    /// <paramref name="clipRange"/> is epsilon (TRL's cliprange, default 0.2).
    /// </summary>
    public static PpoPolicyLossTerms ClippedSurrogate(Tensor newLogProbs, Tensor oldLogProbs, Tensor advantages, Tensor mask, double clipRange)
    {
        ArgumentNullException.ThrowIfNull(newLogProbs);
        ArgumentNullException.ThrowIfNull(oldLogProbs);
        ArgumentNullException.ThrowIfNull(advantages);
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentOutOfRangeException.ThrowIfNegative(clipRange);
        var logRatio = newLogProbs - oldLogProbs;
        var ratio = logRatio.exp();
        var unclipped = -advantages * ratio;
        var clipped = -advantages * ratio.Clamp(1 - clipRange, 1 + clipRange);
        var loss = MaskedMean(maximum(unclipped, clipped), mask);
        using var _ = no_grad();
        return new PpoPolicyLossTerms(
            loss,
            MaskedMean(clipped.gt(unclipped).to(ScalarType.Float32), mask),
            MaskedMean(logRatio.Squared(), mask).Times(0.5),
            MaskedMean(ratio, mask));
    }

    /// <summary>
    /// The clipped value loss from the new and old per-token values, the returns and the mask;
    /// <paramref name="clipRange"/> is TRL's cliprange_value (default 0.2).
    /// </summary>
    public static PpoValueLossTerms ClippedValueLoss(Tensor newValues, Tensor oldValues, Tensor returns, Tensor mask, double clipRange)
    {
        ArgumentNullException.ThrowIfNull(newValues);
        ArgumentNullException.ThrowIfNull(oldValues);
        ArgumentNullException.ThrowIfNull(returns);
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentOutOfRangeException.ThrowIfNegative(clipRange);
        var clippedValues = oldValues.Plus((newValues - oldValues).Clamp(-clipRange, clipRange));
        var unclipped = (newValues - returns).Squared();
        var clipped = (clippedValues - returns).Squared();
        var loss = MaskedMean(maximum(unclipped, clipped), mask).Times(0.5);
        using var _ = no_grad();
        return new PpoValueLossTerms(loss, MaskedMean(clipped.gt(unclipped).to(ScalarType.Float32), mask));
    }

    /// <summary>The mean of <paramref name="values"/> where <paramref name="mask"/> is 1.</summary>
    public static Tensor MaskedMean(Tensor values, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(mask);
        return (values * mask).sum() / mask.sum();
    }
}
