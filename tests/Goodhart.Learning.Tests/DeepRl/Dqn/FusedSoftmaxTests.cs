using CsCheck;
using Goodhart.Learning.DeepRl.Dqn;

namespace Goodhart.Learning.Tests.DeepRl.Dqn;

/// <summary>
/// <see cref="FusedDqnLoss.Max"/> (vector lanes, then the lanes and the tail) gives the running <see cref="MathF.Max(float, float)"/>'s
/// bits, signed zeros and infinities included, and <see cref="FusedDqnLoss.Softmax"/> (that maximum, the normalising
/// product in whole vectors) gives the bits of the scalar softmax it replaced, for rows of every length.
/// </summary>
public class FusedSoftmaxTests
{
    private static readonly float[] Specials = [0f, -0f, float.PositiveInfinity, float.NegativeInfinity, 1f, -1f];

    /// <summary>Mostly ordinary logits, one in five a signed zero, an infinity or a repeated value.</summary>
    private static readonly Gen<float> Value = Gen.Int[0, 4].SelectMany(k => k == 0 ? Gen.Int[0, Specials.Length - 1].Select(i => Specials[i]) : Gen.Float[-30f, 30f]);

    [Fact]
    public void Max_equals_the_running_MathF_Max_bit_for_bit()
    {
        Value.Array[0, 70].Sample(row =>
        {
            var expected = float.NegativeInfinity;
            foreach (var x in row)
                expected = MathF.Max(expected, x);
            return BitConverter.SingleToInt32Bits(FusedDqnLoss.Max(row)) == BitConverter.SingleToInt32Bits(expected);
        });
    }

    [Fact]
    public void Softmax_equals_the_scalar_softmax_bit_for_bit()
    {
        Gen.Float[-30f, 30f].Array[1, 70].Sample(row =>
        {
            var (expected, expectedMax, expectedLogSum) = ScalarSoftmax(row);
            var actual = new float[row.Length];
            var (max, logSum) = FusedDqnLoss.Softmax(row, actual);
            return Bits(expected).SequenceEqual(Bits(actual)) && Bits([max, logSum]).SequenceEqual(Bits([expectedMax, expectedLogSum]));
        });
    }

    /// <summary>The softmax as written before: a running max, whole-vector exponentials, a sum in order, a scalar product.</summary>
    private static (float[] P, float Max, float LogSum) ScalarSoftmax(float[] row)
    {
        var n = row.Length;
        var p = new float[n];
        var max = float.NegativeInfinity;
        foreach (var x in row)
            max = MathF.Max(max, x);
        var w = System.Numerics.Vector<float>.Count;
        var j = 0;
        for (; j + w <= n; j += w)
            System.Numerics.Vector.Exp(new System.Numerics.Vector<float>(row.AsSpan(j)) - new System.Numerics.Vector<float>(max)).CopyTo(p.AsSpan(j));
        for (; j < n; j++)
            p[j] = MathF.Exp(row[j] - max);
        var sum = 0f;
        for (j = 0; j < n; j++)
            sum += p[j];
        var inverse = 1f / sum;
        for (j = 0; j < n; j++)
            p[j] *= inverse;
        return (p, max, MathF.Log(sum));
    }

    private static int[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToInt32Bits)];
}
