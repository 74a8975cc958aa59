namespace Goodhart.Core.Oversight;

/// <summary>
/// One debate's state: the two claims, the pixels revealed so far and whose turn it is. A move reveals one pixel the
/// judge has not seen; turns alternate (the side named by <see cref="DebateRules.HonestFirst"/> first) until
/// <see cref="DebateRules.Pixels"/> are revealed, then the judge's scores decide (<see cref="HonestWins"/>).
/// </summary>
public sealed class DebateGame
{
    private readonly List<int> _revealed = [];
    private readonly bool[] _seen;

    /// <summary>A debate on an image of <paramref name="pixelCount"/> pixels whose true class is <paramref name="trueLabel"/>.</summary>
    /// <param name="pixelCount">Pixels in the image.</param>
    /// <param name="classes">The number of classes.</param>
    /// <param name="trueLabel">What the honest debater claims.</param>
    /// <param name="lie">The liar's precommitted label (required with precommitment, null without).</param>
    /// <param name="rules">The rules.</param>
    public DebateGame(int pixelCount, int classes, int trueLabel, int? lie, DebateRules rules)
    {
        rules.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelCount, rules.Pixels);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        if (trueLabel < 0 || trueLabel >= classes)
            throw new ArgumentOutOfRangeException(nameof(trueLabel), trueLabel, $"classes are 0 to {classes - 1}");
        if (rules.Precommit != lie.HasValue)
            throw new ArgumentException(rules.Precommit ? "with precommitment the liar names its label" : "without precommitment the liar names no label", nameof(lie));
        if (lie is { } l && (l < 0 || l >= classes || l == trueLabel))
            throw new ArgumentOutOfRangeException(nameof(lie), l, "the lie must be another valid class");
        PixelCount = pixelCount;
        Classes = classes;
        TrueLabel = trueLabel;
        Lie = lie;
        Rules = rules;
        _seen = new bool[pixelCount];
    }

    /// <summary>Pixels in the image.</summary>
    public int PixelCount { get; }

    /// <summary>The number of classes.</summary>
    public int Classes { get; }

    /// <summary>The honest claim.</summary>
    public int TrueLabel { get; }

    /// <summary>The liar's precommitted label, or null without precommitment.</summary>
    public int? Lie { get; }

    /// <summary>The rules.</summary>
    public DebateRules Rules { get; }

    /// <summary>The pixels revealed so far, in order.</summary>
    public IReadOnlyList<int> Revealed => _revealed;

    /// <summary>True once <see cref="DebateRules.Pixels"/> pixels are revealed.</summary>
    public bool IsOver => _revealed.Count >= Rules.Pixels;

    /// <summary>Whose turn it is (the side that moved first moves on even turns).</summary>
    public DebateSide NextSide => (_revealed.Count % 2 == 0) == Rules.HonestFirst ? DebateSide.Honest : DebateSide.Liar;

    /// <summary>Whether revealing <paramref name="pixel"/> now is allowed: the debate is not over, the pixel exists and is not revealed yet.</summary>
    public bool IsLegal(int pixel) => !IsOver && pixel >= 0 && pixel < PixelCount && !_seen[pixel];

    /// <summary>Every pixel that may be revealed now, in increasing order (none once the debate is over).</summary>
    public IReadOnlyList<int> LegalMoves()
    {
        if (IsOver)
            return [];
        var moves = new List<int>(PixelCount - _revealed.Count);
        for (var p = 0; p < PixelCount; p++)
        {
            if (!_seen[p])
                moves.Add(p);
        }
        return moves;
    }

    /// <summary>The side to move reveals <paramref name="pixel"/>; throws <see cref="InvalidOperationException"/> when the move is not legal.</summary>
    public void Reveal(int pixel)
    {
        if (IsOver)
            throw new InvalidOperationException($"the debate is over: all {Rules.Pixels} pixels are revealed");
        if (pixel < 0 || pixel >= PixelCount)
            throw new InvalidOperationException($"pixel {pixel} is outside the image (0 to {PixelCount - 1})");
        if (_seen[pixel])
            throw new InvalidOperationException($"pixel {pixel} is already revealed");
        _seen[pixel] = true;
        _revealed.Add(pixel);
    }

    /// <summary>An independent copy of this debate (same claims, rules and reveals), for a search to play ahead on.</summary>
    public DebateGame Copy()
    {
        var copy = new DebateGame(PixelCount, Classes, TrueLabel, Lie, Rules);
        foreach (var pixel in _revealed)
            copy.Reveal(pixel);
        return copy;
    }

    /// <summary>
    /// The honest side's margin under the judge's <paramref name="logits"/>: the true class's score minus the lie's
    /// (with precommitment) or minus the best wrong class's (without). Positive: the honest side is ahead.
    /// </summary>
    public double HonestMargin(IReadOnlyList<float> logits)
    {
        if (Lie is { } lie)
            return logits[TrueLabel] - logits[lie];
        var best = double.NegativeInfinity;
        for (var c = 0; c < logits.Count; c++)
        {
            if (c != TrueLabel)
                best = Math.Max(best, logits[c]);
        }
        return logits[TrueLabel] - best;
    }

    /// <summary>The label the liar claims at the end: its precommitted lie, or else the wrong class the judge scores highest.</summary>
    public int LiarClaim(IReadOnlyList<float> logits)
    {
        if (Lie is { } lie)
            return lie;
        var best = -1;
        for (var c = 0; c < logits.Count; c++)
        {
            if (c != TrueLabel && (best < 0 || logits[c] > logits[best]))
                best = c;
        }
        return best;
    }

    /// <summary>The verdict once the debate is over: the honest side wins when its margin is positive (a tie goes to the liar).</summary>
    public bool HonestWins(IReadOnlyList<float> logits)
    {
        if (!IsOver)
            throw new InvalidOperationException($"the debate is not over: {_revealed.Count} of {Rules.Pixels} pixels revealed");
        return HonestMargin(logits) > 0;
    }
}
