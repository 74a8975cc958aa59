using Goodhart.Core.Oversight;

namespace Goodhart.Core.Tests.Oversight;

/// <summary>A judge for tests: class c's score is the sum over revealed pixels p of value(p) * Weights[c][p].</summary>
internal sealed class LinearJudge(float[][] weights) : ISparseJudge
{
    public int Classes => weights.Length;

    public float[] Logits(float[] image, IReadOnlyList<int> revealed) =>
        [.. weights.Select(w => revealed.Sum(p => image[p] * w[p]))];

    public float[][] LogitsAfter(float[] image, IReadOnlyList<int> revealed, IReadOnlyList<int> candidates) =>
        [.. candidates.Select(c => Logits(image, [.. revealed, c]))];
}
