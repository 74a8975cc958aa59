namespace Goodhart.Core.Rlhf;

/// <summary>
/// What the <see cref="ResponseParser"/> reads from a response's text, prompt-independent: the answer (the single
/// number it states, or null when it states none or several), whether it is parseable, and phrase counts along the
/// axes raters care about.
/// </summary>
/// <param name="Answer">The one distinct number stated, or null.</param>
/// <param name="Parseable">Exactly one distinct number, none too long, and unrecognised tokens within the allowance.</param>
/// <param name="Numbers">Distinct numbers stated.</param>
/// <param name="Hedges">Hedge phrases ("I believe", "maybe", "not sure", "but check").</param>
/// <param name="ConfidenceWords">Confidence phrases ("definitely", "for sure", "no doubt").</param>
/// <param name="Agreements">Agreement phrases ("You're right", "Yes").</param>
/// <param name="Disagreements">Disagreement phrases ("Actually, no", "Not quite").</param>
/// <param name="Flattery">Flattery phrases ("Great question").</param>
/// <param name="PaddingSentences">Padding sentences ("Let me explain at length").</param>
/// <param name="PaddingLength">Characters of the padding sentences, each with its end punctuation and one leading space, plus stray lexicon words (outside any phrase) with one space each.</param>
/// <param name="UnknownTokens">Words outside the lexicon's vocabulary and runs of symbols.</param>
/// <param name="Tokens">Words, numbers and symbol runs in all.</param>
/// <param name="Length">Characters of the whole response.</param>
public sealed record ParsedResponse(
    long? Answer,
    bool Parseable,
    int Numbers,
    int Hedges,
    int ConfidenceWords,
    int Agreements,
    int Disagreements,
    int Flattery,
    int PaddingSentences,
    int PaddingLength,
    int UnknownTokens,
    int Tokens,
    int Length)
{
    /// <summary>Hedged when any hedge phrase appears; else confident when any confidence phrase does; else plain.</summary>
    public Confidence Confidence => Hedges > 0 ? Confidence.Hedged : ConfidenceWords > 0 ? Confidence.Confident : Confidence.Plain;

    /// <summary>Agrees or disagrees when only that kind of phrase appears; none when neither or both do.</summary>
    public UserStance Stance => (Agreements > 0, Disagreements > 0) switch
    {
        (true, false) => UserStance.Agrees,
        (false, true) => UserStance.Disagrees,
        _ => UserStance.None,
    };
}
