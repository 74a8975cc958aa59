using Goodhart.Core.Rlhf;
using Goodhart.Learning.Interpretability.Sae;
using static TorchSharp.torch;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// Names SAE features after the RLHF world's known behaviours: for each held-out corpus text the response's features
/// are known (it agrees with the user, flatters, hedges; its length), so each SAE feature's mean activation over the
/// positions that produce the response is correlated with each behaviour, and the feature with the largest positive
/// correlation is named for it (<see cref="FeatureCorrelation"/>).
/// </summary>
public static class SaeFeatureNaming
{
    /// <summary>The known label of <paramref name="behaviour"/> (<see cref="SaeFeaturesValues.Behaviours"/>) for one corpus example.</summary>
    public static double Label(string behaviour, SftExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        var features = example.Features ?? throw new ArgumentException("The example has no response features.", nameof(example));
        return behaviour switch
        {
            "agreement" => features.Stance == UserStance.Agrees ? 1 : 0,
            "flattery" => features.Flattery > 0 ? 1 : 0,
            "hedging" => features.Confidence == Confidence.Hedged ? 1 : 0,
            "length" => example.Completion.Length,
            _ => throw new ArgumentException($"Unknown behaviour '{behaviour}'.", nameof(behaviour)),
        };
    }

    /// <summary>
    /// Per behaviour, the feature of <paramref name="sae"/> whose activation over the responses of
    /// <paramref name="examples"/> (read in <paramref name="activations"/>, collected on prompt + completion) correlates
    /// most with it, with that correlation and the feature's largest activation on those tokens.
    /// </summary>
    public static IReadOnlyList<(string Behaviour, int Feature, double Correlation, double MaxActivation)> Name(
        SparseAutoencoder sae, TokenActivations activations, IReadOnlyList<SftExample> examples)
    {
        ArgumentNullException.ThrowIfNull(sae);
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentNullException.ThrowIfNull(examples);
        var means = FeatureCorrelation.TextMeans(sae, activations, examples.Select(e => e.Prompt.Length).ToArray());
        float[] maxima;
        using (no_grad())
        using (var codes = sae.Encode(activations.Activations))
        using (var max = codes.amax([0L]))
        using (var onCpu = max.cpu())
            maxima = onCpu.data<float>().ToArray();
        return SaeFeaturesValues.Behaviours.Select(b =>
        {
            var (feature, r) = FeatureCorrelation.Strongest(FeatureCorrelation.Pearson(means, examples.Select(e => Label(b, e)).ToArray()));
            return (b, feature, r, feature >= 0 ? (double)maxima[feature] : double.NaN);
        }).ToArray();
    }

    /// <summary>The feature file's entries for <paramref name="summaries"/>, with the names and correlations of <paramref name="named"/>.</summary>
    public static IReadOnlyList<SaeFeatureEntry> Entries(
        IReadOnlyList<SaeFeatureSummary> summaries, IReadOnlyList<(string Behaviour, int Feature, double Correlation, double MaxActivation)> named)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(named);
        return summaries.Select(s =>
        {
            var names = named.Where(n => n.Feature == s.Feature).ToArray();
            return new SaeFeatureEntry(
                s.Feature,
                names.Length == 0 ? null : string.Join(", ", names.Select(n => n.Behaviour)),
                names.Length == 0 ? null : names.Max(n => n.Correlation),
                s.Frequency,
                s.MeanActivation,
                s.TopContexts.Select(c => new SaeContextEntry(
                    c.Position == 0 ? string.Empty : c.Before()[..^1],
                    c.Position == 0 ? "<bos>" : c.Text[c.Position - 1].ToString(),
                    c.After(),
                    c.Activation)).ToArray(),
                s.Promoted.Select(p => new SaeTokenEffect(p.Token, p.Effect)).ToArray(),
                s.Suppressed.Select(p => new SaeTokenEffect(p.Token, p.Effect)).ToArray());
        }).ToArray();
    }
}
