using Goodhart.Core.Oversight;

namespace Goodhart.Core.Tests.Oversight;

/// <summary>A judge for tests whose class scores are any function of the set of revealed pixels (so reveals can interact, unlike <see cref="LinearJudge"/>).</summary>
internal sealed class SetJudge(int classes, Func<IReadOnlySet<int>, float[]> score) : ISparseJudge
{
    public int Classes => classes;

    public float[] Logits(float[] image, IReadOnlyList<int> revealed) => score(revealed.ToHashSet());

    public float[][] LogitsAfter(float[] image, IReadOnlyList<int> revealed, IReadOnlyList<int> candidates) =>
        [.. candidates.Select(c => Logits(image, [.. revealed, c]))];
}
