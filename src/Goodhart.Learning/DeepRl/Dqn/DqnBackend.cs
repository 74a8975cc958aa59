namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>
/// Which code runs <see cref="DqnTrainer"/>'s acting forward pass, its gradient steps and its target updates
/// (<see cref="DqnOptions.Backend"/>); the env loop, replay, n-step returns, checkpoints and saved policies are the same.
/// </summary>
public enum DqnBackend
{
    /// <summary><see cref="Fused"/> when the network lives on the CPU, <see cref="Torch"/> otherwise (the default).</summary>
    Auto,

    /// <summary>libtorch: the Q-network's forward pass, the loss, autograd's backward and Adam as tensor operations.</summary>
    Torch,

    /// <summary>
    /// The same maths in C# SIMD (<see cref="FusedDqn"/>): every Rainbow component, a sparse first layer over the one-hot
    /// boards, the backward pass by hand and the same Adam, float32 on one thread; agrees with <see cref="Torch"/> to
    /// about 1e-5 per step, not bit for bit. CPU only.
    /// </summary>
    Fused,
}
