using static TorchSharp.torch;

namespace Goodhart.Learning.Interpretability;

/// <summary>
/// A function run on the activation at hook point <paramref name="point"/> during a forward pass. It returns the
/// tensor the forward pass continues with: <paramref name="activation"/> itself to only observe, or a new tensor of
/// the same shape to replace it (patching, ablation, steering). It must not modify <paramref name="activation"/> in
/// place (a cache may hold it). A tensor it returns belongs to the caller's dispose scope, like the forward pass's own.
/// </summary>
public delegate Tensor ActivationHook(Tensor activation, string point);
