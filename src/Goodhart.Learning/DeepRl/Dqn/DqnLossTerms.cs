using static TorchSharp.torch;

namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>What one of <see cref="DqnTrainer"/>'s losses computes for a batch.</summary>
/// <param name="PerSample">The loss of each transition [batch] (weighted by importance sampling before the mean).</param>
/// <param name="Priority">The new priority of each transition [batch] (|TD error|, or C51's cross-entropy), no gradient.</param>
/// <param name="TdError">Mean |target - prediction| (a scalar tensor).</param>
/// <param name="MeanQ">Mean predicted Q(s, a) (a scalar tensor).</param>
internal readonly record struct DqnLossTerms(Tensor PerSample, Tensor Priority, Tensor TdError, Tensor MeanQ);
