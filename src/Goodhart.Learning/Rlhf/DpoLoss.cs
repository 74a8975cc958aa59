using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// The DPO objective (Rafailov et al. 2023, eq. 7) on sequence log-probabilities, TRL's "sigmoid" loss:
/// -log sigmoid(beta [(log pi(y_w|x) - log pi_ref(y_w|x)) - (log pi(y_l|x) - log pi_ref(y_l|x))]).
/// </summary>
public static class DpoLoss
{
    /// <summary>
    /// The loss and implicit rewards of a batch from the policy's and the reference's sequence log-probabilities of
    /// the chosen and rejected responses (each [batch]).
    /// </summary>
    public static DpoLossTerms Compute(Tensor policyChosen, Tensor policyRejected, Tensor referenceChosen, Tensor referenceRejected, double beta)
    {
        ArgumentNullException.ThrowIfNull(policyChosen);
        ArgumentNullException.ThrowIfNull(policyRejected);
        ArgumentNullException.ThrowIfNull(referenceChosen);
        ArgumentNullException.ThrowIfNull(referenceRejected);
        if (!(beta > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be positive.");
        }

        var chosenLogRatios = policyChosen - referenceChosen;
        var rejectedLogRatios = policyRejected - referenceRejected;
        var losses = -functional.logsigmoid((chosenLogRatios - rejectedLogRatios).Times(beta));
        return new DpoLossTerms(
            losses.mean(),
            losses,
            chosenLogRatios.Times(beta).detach(),
            rejectedLogRatios.Times(beta).detach());
    }
}
