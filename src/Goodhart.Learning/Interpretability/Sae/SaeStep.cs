namespace Goodhart.Learning.Interpretability.Sae;

/// <summary>One training step of a sparse autoencoder: its loss and the loss's terms on the step's batch.</summary>
/// <param name="Step">1-based step number.</param>
/// <param name="Loss">The minimised loss: <paramref name="Mse"/> + the L1 coefficient times <paramref name="L1"/>.</param>
/// <param name="Mse">Squared reconstruction error per token divided by the width, in normalised units.</param>
/// <param name="L1">Sum of feature activations per token divided by the width (penalised by ReLU+L1 only).</param>
/// <param name="L0">Mean number of active features per token.</param>
public sealed record SaeStep(int Step, double Loss, double Mse, double L1, double L0);
