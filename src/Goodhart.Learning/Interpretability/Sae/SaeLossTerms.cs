using static TorchSharp.torch;

namespace Goodhart.Learning.Interpretability.Sae;

/// <summary>
/// The loss of a sparse autoencoder on a batch [n, d], in normalised units (x / input_scale): the reconstruction term
/// mean over tokens of ||x̂ - x||² / d, the sparsity term mean over tokens of Σ_j f_j / d (the decoder rows have unit
/// norm, so this is Anthropic's Σ_j f_j ||W_dec,j||), and <c>Loss</c> = reconstruction + l1 x sparsity (TopK trains on
/// the reconstruction alone: its sparsity is fixed by k).
/// </summary>
public sealed class SaeLossTerms : IDisposable
{
    private SaeLossTerms(Tensor loss, Tensor mse, Tensor l1, Tensor l0)
    {
        Loss = loss;
        Mse = mse;
        L1 = l1;
        L0 = l0;
    }

    /// <summary>The loss to minimise (a scalar with gradient).</summary>
    public Tensor Loss { get; }

    /// <summary>The reconstruction term.</summary>
    public Tensor Mse { get; }

    /// <summary>The sparsity term.</summary>
    public Tensor L1 { get; }

    /// <summary>Mean active features per token (no gradient).</summary>
    public Tensor L0 { get; }

    /// <summary>The terms for <paramref name="sae"/> on <paramref name="batch"/> [n, d] with L1 weight <paramref name="l1Coefficient"/>.</summary>
    public static SaeLossTerms Compute(SparseAutoencoder sae, Tensor batch, double l1Coefficient)
    {
        ArgumentNullException.ThrowIfNull(sae);
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        var features = sae.Encode(batch);
        var scale = sae.InputScale;
        var reconstruction = sae.Decode(features).DividedBy(scale);
        var target = batch.DividedBy(scale);
        var mse = reconstruction.sub(target).Squared().sum(1).mean().DividedBy(sae.InputDim);
        var l1 = features.sum(1).mean().DividedBy(sae.InputDim);
        var loss = sae.Architecture == SaeArchitecture.ReluL1 ? mse.Plus(l1.Times(l1Coefficient)) : mse.alias();
        var l0 = features.detach().Greater(0.0).to(ScalarType.Float32).sum(1).mean();
        return new SaeLossTerms(loss.MoveToOuterDisposeScope(), mse.MoveToOuterDisposeScope(), l1.MoveToOuterDisposeScope(), l0.MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Loss.Dispose();
        Mse.Dispose();
        L1.Dispose();
        L0.Dispose();
    }
}
