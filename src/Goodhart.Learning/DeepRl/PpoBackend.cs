namespace Goodhart.Learning.DeepRl;

/// <summary>Which code runs PPO's minibatch updates and A2C's update (<see cref="PpoOptions.Backend"/>, <see cref="A2cOptions.Backend"/>); the rollout and the results' format are the same.</summary>
public enum PpoBackend
{
    /// <summary><see cref="Fused"/> for the MLP torso, <see cref="Torch"/> for any other (the default).</summary>
    Auto,

    /// <summary>libtorch: the network's forward pass, the loss, autograd's backward and AdamW as tensor operations (any torso).</summary>
    Torch,

    /// <summary>
    /// The whole update in C# SIMD (the MLP torso only): a sparse first layer over the one-hot boards, the same losses,
    /// the backward pass by hand and the same AdamW, float32 on one thread; agrees with <see cref="Torch"/> to about 1e-5.
    /// </summary>
    Fused,
}
