namespace Goodhart.Core.Oversight;

/// <summary>How a debate on an image is played.</summary>
/// <param name="Pixels">How many pixels are revealed in all (the paper's k: 4 or 6), one per turn, turns alternating.</param>
/// <param name="Precommit">
/// True: the liar names its wrong label before the first reveal and the judge chooses between the two claims. False:
/// the liar names nothing; the honest side wins only when the judge's most likely class is the truth (the liar may
/// adapt its claim to whatever the revealed pixels support best).
/// </param>
/// <param name="HonestFirst">Whether the honest debater reveals the first pixel.</param>
public sealed record DebateRules(int Pixels, bool Precommit = true, bool HonestFirst = true)
{
    /// <summary>The most pixels a debate may reveal (a debate is a sparse argument; the image has 784).</summary>
    public const int MaxPixels = 64;

    /// <summary>Throws <see cref="UserInputException"/> naming the field when out of range.</summary>
    public void Validate()
    {
        if (Pixels is < 1 or > MaxPixels)
            throw new UserInputException($"pixels: {Pixels} is out of range (1 to {MaxPixels})");
    }
}
