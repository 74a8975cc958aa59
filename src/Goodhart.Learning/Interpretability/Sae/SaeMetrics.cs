using static TorchSharp.torch;

namespace Goodhart.Learning.Interpretability.Sae;

/// <summary>
/// The core quality measures of a sparse autoencoder on a set of activation vectors (SAEBench's "core" metrics, less
/// the spliced loss, which needs the model: see <c>SaeSplice</c>): L0, explained variance, normalised MSE, and the
/// firing frequency of every feature with the dead ones (never active on the set) and the dense ones (active on more
/// than a threshold share of tokens) counted.
/// </summary>
/// <param name="Tokens">Number of activation vectors measured.</param>
/// <param name="L0">Mean number of active (positive) features per token.</param>
/// <param name="ExplainedVariance">1 - Σ||x - x̂||² / Σ||x - mean(x)||², in the input's units (1: perfect; 0: no better than the mean).</param>
/// <param name="Mse">Squared reconstruction error per token divided by the width, in the autoencoder's normalised units.</param>
/// <param name="DeadFeatures">Features never active on the set.</param>
/// <param name="DenseFeatures">Features active on more than <paramref name="DenseThreshold"/> of the tokens.</param>
/// <param name="DenseThreshold">The firing frequency above which a feature counts as dense.</param>
/// <param name="Frequencies">Per feature, the share of tokens on which it is active.</param>
public sealed record SaeMetrics(
    int Tokens, double L0, double ExplainedVariance, double Mse, int DeadFeatures, int DenseFeatures, double DenseThreshold, IReadOnlyList<double> Frequencies)
{
    /// <summary>The default dense threshold: a feature active on more than 10% of tokens.</summary>
    public const double DefaultDenseThreshold = 0.1;

    /// <summary>Measures <paramref name="sae"/> on <paramref name="activations"/> [n, d] in chunks of <paramref name="chunk"/> tokens.</summary>
    public static SaeMetrics Of(SparseAutoencoder sae, Tensor activations, double denseThreshold = DefaultDenseThreshold, int chunk = 4096)
    {
        ArgumentNullException.ThrowIfNull(sae);
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        if (activations.dim() != 2 || activations.shape[1] != sae.InputDim || activations.shape[0] < 1)
            throw new ArgumentException($"Activations must be [n >= 1, {sae.InputDim}], not [{string.Join(", ", activations.shape)}].");
        using var _ = no_grad();
        var n = activations.shape[0];
        using var mean = activations.mean([0L], keepdim: true);
        var counts = new double[sae.DictionarySize];
        double active = 0, error = 0, variance = 0, normalisedError = 0;
        var scale = sae.InputScale;
        for (long start = 0; start < n; start += chunk)
        {
            using var scope = NewDisposeScope();
            var x = activations.narrow(0, start, Math.Min(chunk, n - start));
            var features = sae.Encode(x);
            var reconstruction = sae.Decode(features);
            var fired = features.Greater(0.0).to(ScalarType.Float64);
            var perFeature = fired.sum(0L).cpu().data<double>().ToArray();
            for (var j = 0; j < counts.Length; j++)
                counts[j] += perFeature[j];
            active += fired.sum().item<double>();
            var residual = reconstruction.sub(x).to(ScalarType.Float64);
            var squared = residual.Squared().sum().item<double>();
            error += squared;
            normalisedError += squared / (scale * scale);
            variance += x.sub(mean).to(ScalarType.Float64).Squared().sum().item<double>();
        }
        var frequencies = counts.Select(c => c / n).ToArray();
        return new SaeMetrics(
            (int)n,
            active / n,
            variance > 0 ? 1 - (error / variance) : (error == 0 ? 1 : 0),
            normalisedError / n / sae.InputDim,
            frequencies.Count(f => f == 0),
            frequencies.Count(f => f > denseThreshold),
            denseThreshold,
            frequencies);
    }
}
