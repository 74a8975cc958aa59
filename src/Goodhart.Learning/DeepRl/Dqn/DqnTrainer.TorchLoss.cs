using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>
/// The libtorch half of <see cref="DqnTrainer"/>'s losses (<see cref="DqnBackend.Torch"/>; the fused backend's are
/// <see cref="FusedDqnLoss"/>): DQN's Huber loss and C51's cross-entropy as tensor operations, for autograd.
/// </summary>
public sealed partial class DqnTrainer
{
    /// <summary>The libtorch path's loss terms (<see cref="DqnBackend.Torch"/>): C51's with <see cref="DqnOptions.Distributional"/>, DQN's otherwise.</summary>
    internal static DqnLossTerms TorchLoss(QNetwork online, QNetwork target, DqnOptions options, Tensor s, Tensor next, Tensor a, Tensor r, Tensor d) =>
        options.Distributional ? DistributionalLoss(online, target, options, s, next, a, r, d) : TdLoss(online, target, options, s, next, a, r, d);

    /// <summary>DQN's loss: Huber(Q(s, a), R + d Q_target(s', a*)), a* chosen by <see cref="SelectNextActions"/>.</summary>
    private static DqnLossTerms TdLoss(QNetwork online, QNetwork targetNetwork, DqnOptions options, Tensor s, Tensor next, Tensor a, Tensor r, Tensor d)
    {
        var q = online.forward(s).squeeze(2).gather(1, a).squeeze(1);
        Tensor target;
        using (no_grad())
        {
            var nextTarget = targetNetwork.forward(next).squeeze(2);
            var nextOnline = options.DoubleQ ? online.forward(next).squeeze(2) : nextTarget;
            var chosen = SelectNextActions(nextOnline, nextTarget, options.DoubleQ);
            target = r.Plus(d.mul(nextTarget.gather(1, chosen.unsqueeze(1)).squeeze(1)));
        }
        var tdLoss = functional.smooth_l1_loss(q, target, reduction: Reduction.None);
        var error = target.sub(q.detach());
        return new DqnLossTerms(tdLoss, error.abs(), error.abs().mean(), q.detach().mean());
    }

    /// <summary>C51's loss: the cross-entropy of the projected target distribution and the predicted one at (s, a).</summary>
    private static DqnLossTerms DistributionalLoss(QNetwork online, QNetwork target, DqnOptions options, Tensor s, Tensor next, Tensor a, Tensor r, Tensor d)
    {
        var batch = s.shape[0];
        var atoms = options.Atoms;
        var supportValues = CategoricalProjection.Support(options.Atoms, options.VMin, options.VMax);
        using var support = tensor(Array.ConvertAll(supportValues, z => (float)z), device: s.device);
        var logProbabilities = functional.log_softmax(online.forward(s), 2)
            .gather(1, a.view(batch, 1, 1).expand(batch, 1, atoms)).squeeze(1);
        Tensor projected;
        using (no_grad())
        {
            var nextProbabilities = functional.softmax(target.forward(next), 2);
            var nextTarget = nextProbabilities.mul(support).sum(2);
            var nextOnline = options.DoubleQ ? online.QValues(online.forward(next)) : nextTarget;
            var chosen = SelectNextActions(nextOnline, nextTarget, options.DoubleQ);
            var chosenProbabilities = nextProbabilities.gather(1, chosen.view(batch, 1, 1).expand(batch, 1, atoms)).squeeze(1);
            var m = new float[batch * atoms];
            CategoricalProjection.Project(
                chosenProbabilities.cpu().data<float>().ToArray(), r.cpu().data<float>().ToArray(), d.cpu().data<float>().ToArray(),
                atoms, options.VMin, options.VMax, m);
            projected = tensor(m, [batch, atoms], device: s.device);
        }
        var crossEntropy = projected.mul(logProbabilities).sum(1).neg();
        var predicted = logProbabilities.detach().exp().mul(support).sum(1);
        var targetMean = projected.mul(support).sum(1);
        return new DqnLossTerms(crossEntropy, crossEntropy.detach(), targetMean.sub(predicted).abs().mean(), predicted.mean());
    }
}
