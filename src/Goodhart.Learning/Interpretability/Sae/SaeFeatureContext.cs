namespace Goodhart.Learning.Interpretability.Sae;

/// <summary>One context where a feature fires: the text, the position read, and the activation there.</summary>
/// <param name="Text">The whole text (prompt and completion).</param>
/// <param name="Position">The input position (0: bos; p &gt; 0: character p - 1 of <paramref name="Text"/>).</param>
/// <param name="Activation">The feature's activation there.</param>
public sealed record SaeFeatureContext(string Text, int Position, double Activation)
{
    /// <summary>The characters read up to and including this position (at most <paramref name="width"/>), without bos.</summary>
    public string Before(int width = 40) => Position == 0 ? string.Empty : Text[Math.Max(0, Position - width)..Position];

    /// <summary>The characters after this position (at most <paramref name="width"/>).</summary>
    public string After(int width = 20) => Position >= Text.Length ? string.Empty : Text[Position..Math.Min(Text.Length, Position + width)];
}
