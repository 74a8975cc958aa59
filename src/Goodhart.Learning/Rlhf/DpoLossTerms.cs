using static TorchSharp.torch;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// The DPO loss of a batch and its parts: <see cref="Loss"/> (differentiable, the batch mean), the per-pair losses,
/// and the implicit rewards beta * (log pi - log pi_ref) of the chosen and rejected responses (detached).
/// </summary>
/// <param name="Loss">Mean over pairs of -log sigmoid(beta [(log pi(y_w) - log pi_ref(y_w)) - (log pi(y_l) - log pi_ref(y_l))]).</param>
/// <param name="Losses">The per-pair losses [batch].</param>
/// <param name="ChosenRewards">beta (log pi(y_w) - log pi_ref(y_w)) per pair [batch], detached.</param>
/// <param name="RejectedRewards">beta (log pi(y_l) - log pi_ref(y_l)) per pair [batch], detached.</param>
public sealed record DpoLossTerms(Tensor Loss, Tensor Losses, Tensor ChosenRewards, Tensor RejectedRewards);
