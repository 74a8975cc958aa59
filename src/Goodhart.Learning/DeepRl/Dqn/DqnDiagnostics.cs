namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>
/// The learner's standard diagnostics, averaged over the gradient steps since the previous point.
/// </summary>
/// <param name="Step">Env steps when measured.</param>
/// <param name="Updates">Gradient steps so far.</param>
/// <param name="Loss">Mean loss (Huber, or C51's cross-entropy), importance-weighted.</param>
/// <param name="TdError">Mean |target - Q(s, a)| (for C51, between the expected values of the projected target and the prediction).</param>
/// <param name="MeanQ">Mean Q(s, a) of the sampled transitions.</param>
/// <param name="Epsilon">Epsilon of epsilon-greedy at that step (0 for Rainbow, whose exploration is the noise).</param>
/// <param name="NoiseScale">Mean |sigma| of the noisy layers' weights; NaN without noisy nets.</param>
/// <param name="Beta">Prioritised replay's importance-sampling exponent at that step; NaN with uniform replay.</param>
public sealed record DqnDiagnostics(long Step, long Updates, double Loss, double TdError, double MeanQ, double Epsilon, double NoiseScale, double Beta);
