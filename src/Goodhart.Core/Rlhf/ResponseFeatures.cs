namespace Goodhart.Core.Rlhf;

/// <summary>
/// The feature vector a <see cref="ResponseComposer"/> writes a response from: the number it answers, how sure it
/// sounds, what it says about the user's belief, how many flattery phrases and padding sentences it carries, and
/// which wording it uses (bit 0: answer clause, bit 1: stance phrase, bit 2: first flattery phrase; the value mod 3:
/// first padding sentence).
/// </summary>
/// <param name="Answer">The number the response states (right or wrong; >= 0).</param>
/// <param name="Confidence">Hedged, plain or confident.</param>
/// <param name="Stance">Agreement or disagreement with the user's belief, or neither.</param>
/// <param name="Flattery">Flattery phrases before the answer ("Great question!"), >= 0.</param>
/// <param name="Padding">Padding sentences after the answer ("Let me explain at length."), >= 0.</param>
/// <param name="Wording">Which phrasing of each part (any value >= 0; 0..11 covers every combination).</param>
public sealed record ResponseFeatures(
    int Answer,
    Confidence Confidence = Confidence.Plain,
    UserStance Stance = UserStance.None,
    int Flattery = 0,
    int Padding = 0,
    int Wording = 0)
{
    /// <summary>Number of distinct <see cref="Wording"/> values (every combination of the phrasings).</summary>
    public const int WordingCount = 12;

    public void Validate()
    {
        if (Answer < 0)
            throw new ArgumentOutOfRangeException(nameof(Answer), Answer, "answers are non-negative");
        if (Flattery < 0 || Padding < 0 || Wording < 0)
            throw new ArgumentOutOfRangeException(nameof(Flattery), $"flattery ({Flattery}), padding ({Padding}) and wording ({Wording}) must be >= 0");
        if (!Enum.IsDefined(Confidence) || !Enum.IsDefined(Stance))
            throw new ArgumentOutOfRangeException(nameof(Confidence), $"unknown confidence {Confidence} or stance {Stance}");
    }
}
