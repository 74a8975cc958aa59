namespace Goodhart.Learning.Interpretability.Sae;

/// <summary>How a <see cref="SparseAutoencoder"/> makes its features sparse.</summary>
public enum SaeArchitecture
{
    /// <summary>ReLU features with an L1 penalty on their activations (Bricken et al. 2023, "Towards Monosemanticity").</summary>
    ReluL1,

    /// <summary>Only the k largest pre-activations are kept (then ReLU), the rest set to zero (Gao et al. 2024); no sparsity penalty.</summary>
    TopK,
}
