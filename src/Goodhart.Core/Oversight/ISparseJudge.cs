namespace Goodhart.Core.Oversight;

/// <summary>
/// A judge that sees only some pixels of an image (the sparse judge of Irving et al. 2018): class scores (logits) from
/// the revealed pixels' positions and values. Implemented by a trained classifier in Goodhart.Learning.
/// </summary>
public interface ISparseJudge
{
    /// <summary>The number of classes it scores.</summary>
    int Classes { get; }

    /// <summary>Class scores having seen pixels <paramref name="revealed"/> of <paramref name="image"/> (values in [0, 1]).</summary>
    float[] Logits(float[] image, IReadOnlyList<int> revealed);

    /// <summary>
    /// For each pixel in <paramref name="candidates"/>, the class scores having seen <paramref name="revealed"/> and that
    /// pixel too (one row per candidate): what a debater searching one move ahead asks.
    /// </summary>
    float[][] LogitsAfter(float[] image, IReadOnlyList<int> revealed, IReadOnlyList<int> candidates);
}
