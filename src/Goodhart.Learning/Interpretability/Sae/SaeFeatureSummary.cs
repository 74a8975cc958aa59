namespace Goodhart.Learning.Interpretability.Sae;

/// <summary>
/// What a feature dashboard shows for one feature (after Neuronpedia): how often it fires, its top-activating
/// contexts, and the tokens its decoder direction promotes and suppresses through the unembedding (its direct effect
/// on the logits, through the final LayerNorm's gain).
/// </summary>
/// <param name="Feature">The feature's index.</param>
/// <param name="Frequency">Share of tokens it fires on.</param>
/// <param name="MeanActivation">Its mean activation where it fires (0 when it never does).</param>
/// <param name="TopContexts">The contexts of its largest activations, largest first.</param>
/// <param name="Promoted">The tokens with the largest direct logit effect, largest first.</param>
/// <param name="Suppressed">The tokens with the most negative direct logit effect, most negative first.</param>
public sealed record SaeFeatureSummary(
    int Feature,
    double Frequency,
    double MeanActivation,
    IReadOnlyList<SaeFeatureContext> TopContexts,
    IReadOnlyList<(string Token, double Effect)> Promoted,
    IReadOnlyList<(string Token, double Effect)> Suppressed);
