namespace Goodhart.Experiments.Interpretability;

/// <summary>A token and a feature's direct effect on its logit (through the final LayerNorm's gain and the unembedding).</summary>
/// <param name="Token">The token, as <c>CharTokenizer.Describe</c> writes it.</param>
/// <param name="Effect">The logit change per unit of the feature's activation.</param>
public sealed record SaeTokenEffect(string Token, double Effect);
