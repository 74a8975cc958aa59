using TorchSharp;
using static TorchSharp.torch;

namespace Goodhart.Learning.Interpretability.Sae;

/// <summary>
/// Editing one SAE feature inside the forward pass (ablation and clamping), keeping the SAE's reconstruction error:
/// the activation x becomes x + (x̂' - x̂), where x̂ is the SAE's reconstruction of x and x̂' the reconstruction with
/// feature j's activation set to a value v. Since the decoder is linear, x̂' - x̂ = (v - f_j(x)) s W_dec[j], so the edit
/// moves x along the feature's decoder direction only: ablation (v = 0) removes exactly the feature's decoder
/// contribution f_j s W_dec[j], and a feature that does not fire (f_j = 0) is left untouched by ablation.
/// </summary>
public static class SaeFeatureEdit
{
    /// <summary>
    /// The change [..., d] that setting feature <paramref name="feature"/> to <paramref name="value"/> makes to the
    /// reconstruction of <paramref name="x"/> [..., d]: (value - f_j(x)) times the feature's decoder row in input units.
    /// </summary>
    public static Tensor Delta(SparseAutoencoder sae, Tensor x, int feature, double value)
    {
        ArgumentNullException.ThrowIfNull(sae);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfNegative(feature);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(feature, sae.DictionarySize);
        if (!double.IsFinite(value) || value < 0)
            throw new ArgumentOutOfRangeException(nameof(value), value, "a feature's activation is finite and non-negative");
        using var scope = NewDisposeScope();
        var current = sae.Encode(x).select(-1, feature).unsqueeze(-1);
        using var target = value.ToScalar();
        using var one = 1.ToScalar();
        var change = current.neg().add(target, one);
        var direction = sae.Decoder[feature].detach().Times(sae.InputScale);
        return change.mul(direction).MoveToOuterDisposeScope();
    }

    /// <summary>The SAE's reconstruction [..., d] of <paramref name="x"/> with feature <paramref name="feature"/> set to <paramref name="value"/> (decode of the edited code).</summary>
    public static Tensor ReconstructWith(SparseAutoencoder sae, Tensor x, int feature, double value)
    {
        ArgumentNullException.ThrowIfNull(sae);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfNegative(feature);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(feature, sae.DictionarySize);
        using var scope = NewDisposeScope();
        var codes = sae.Encode(x).clone();
        using var v = value.ToScalar();
        codes.select(-1, feature).fill_(v);
        return sae.Decode(codes).MoveToOuterDisposeScope();
    }

    /// <summary>A hook that sets feature <paramref name="feature"/> to <paramref name="value"/> at every position, keeping the SAE's error term.</summary>
    public static ActivationHook Set(SparseAutoencoder sae, int feature, double value)
    {
        ArgumentNullException.ThrowIfNull(sae);
        return (activation, _) =>
        {
            using var delta = Delta(sae, activation, feature, value);
            return activation.Plus(delta);
        };
    }

    /// <summary>A hook that zeroes feature <paramref name="feature"/> (ablation), keeping the SAE's error term.</summary>
    public static ActivationHook Ablate(SparseAutoencoder sae, int feature) => Set(sae, feature, 0);
}
