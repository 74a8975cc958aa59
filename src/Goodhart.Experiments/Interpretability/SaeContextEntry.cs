namespace Goodhart.Experiments.Interpretability;

/// <summary>One top-activating context of a feature, split for display around the token read.</summary>
/// <param name="Before">Up to 40 characters read before the token.</param>
/// <param name="Token">The token read where the feature fired (<c>&lt;bos&gt;</c> at position 0).</param>
/// <param name="After">Up to 20 characters after it.</param>
/// <param name="Activation">The feature's activation there.</param>
public sealed record SaeContextEntry(string Before, string Token, string After, double Activation);
