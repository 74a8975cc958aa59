using static TorchSharp.torch;

namespace Goodhart.Learning.Oversight;

/// <summary>
/// Burns et al. 2023's auxiliary confidence loss: (1 - alpha) * CE(student, weak labels) + alpha * CE(student,
/// hardened student), where the hardened prediction is the one-hot of the student's own most probable class (their
/// multiclass form; for binary tasks they threshold adaptively to the label prior, which this does not) and carries no
/// gradient. alpha = 0 is plain cross-entropy on the weak labels. It lets a strong student overrule a weak supervisor's
/// mistakes it is confident about instead of imitating them.
/// </summary>
public static class ConfidenceLoss
{
    /// <summary>The loss of <paramref name="logits"/> [B, C] against soft <paramref name="targets"/> [B, C] with weight <paramref name="alpha"/> in [0, 1].</summary>
    public static Tensor Compute(Tensor logits, Tensor targets, double alpha)
    {
        if (!(alpha >= 0 && alpha <= 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha is in [0, 1]");
        using var logProbabilities = nn.functional.log_softmax(logits, 1);
        using var weakTerm = SoftCrossEntropy(logProbabilities, targets);
        if (alpha == 0)
            return weakTerm.alias();
        using var noGradHardened = HardenedTargets(logits);
        using var selfTerm = SoftCrossEntropy(logProbabilities, noGradHardened);
        using var weighted = weakTerm.Times(1 - alpha);
        using var selfWeighted = selfTerm.Times(alpha);
        return weighted.Plus(selfWeighted);
    }

    private static Tensor HardenedTargets(Tensor logits)
    {
        using var noGrad = no_grad();
        using var top = logits.argmax(1);
        return nn.functional.one_hot(top, logits.shape[1]).to_type(logits.dtype);
    }

    private static Tensor SoftCrossEntropy(Tensor logProbabilities, Tensor targets)
    {
        using var product = logProbabilities.mul(targets);
        using var perExample = product.sum(1);
        using var mean = perExample.mean();
        return mean.neg();
    }
}
