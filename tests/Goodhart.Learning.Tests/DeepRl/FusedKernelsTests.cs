using CsCheck;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Learning.Tests.DeepRl;

/// <summary>
/// <see cref="FusedKernels"/>' products are, bit for bit, one fused multiply-add chain per output in ascending order
/// (the order the fused update's determinism and its equality between <c>VecMat</c>, <c>MatMul</c> and
/// <c>AccumulateOuter</c> rest on), for every width: the four-vector blocks, the one-vector steps and the scalar tail.
/// </summary>
public class FusedKernelsTests
{
    private static readonly Gen<(int Rows, int Cols, float[] Values)> Case =
        Gen.Int[0, 9].SelectMany(rows => Gen.Int[1, 70].SelectMany(cols =>
            Gen.Float[-2f, 2f].Array[(rows * cols) + (3 * cols) + (2 * rows) + 8].Select(values => (rows, cols, values))));

    [Fact]
    public void VecMat_and_MatMul_are_one_ascending_fma_chain_per_column()
    {
        Case.Sample(c =>
        {
            var (rows, cols, v) = c;
            var m = v.AsSpan(0, rows * cols).ToArray();
            var init = v.AsSpan(rows * cols, cols).ToArray();
            var a = v.AsSpan((rows * cols) + cols, 2 * rows).ToArray(); // two rows of a
            var expected = new float[2 * cols];
            for (var s = 0; s < 2; s++)
            {
                for (var j = 0; j < cols; j++)
                {
                    var acc = init[j];
                    for (var k = 0; k < rows; k++)
                        acc = MathF.FusedMultiplyAdd(a[(s * rows) + k], m[(k * cols) + j], acc);
                    expected[(s * cols) + j] = acc;
                }
            }

            var single = new float[cols];
            FusedKernels.VecMat(a.AsSpan(0, rows), m, cols, init, single);
            var both = new float[2 * cols];
            FusedKernels.MatMul(a, rows, m, cols, init, both, 2);
            return Bits(expected.AsSpan(0, cols)).SequenceEqual(Bits(single)) && Bits(expected).SequenceEqual(Bits(both));
        });
    }

    [Fact]
    public void AccumulateOuter_adds_one_ascending_fma_chain_per_weight_in_place()
    {
        Case.Sample(c =>
        {
            // g [n = rows, stride 3] with its first 2 columns used, x [n, cols], d [2, cols] accumulated in place.
            var (n, cols, v) = c;
            var x = v.AsSpan(0, n * cols).ToArray();
            var d = v.AsSpan(n * cols, 2 * cols).ToArray();
            var g = new float[3 * n];
            v.AsSpan((n * cols) + (3 * cols), 2 * n).CopyTo(g);
            var expected = new float[2 * cols];
            for (var o = 0; o < 2; o++)
            {
                for (var j = 0; j < cols; j++)
                {
                    var acc = d[(o * cols) + j];
                    for (var i = 0; i < n; i++)
                        acc = MathF.FusedMultiplyAdd(g[(i * 3) + o], x[(i * cols) + j], acc);
                    expected[(o * cols) + j] = acc;
                }
            }

            FusedKernels.AccumulateOuter(g, 3, 2, x, cols, n, d);
            return Bits(expected).SequenceEqual(Bits(d));
        });
    }

    private static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
            bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        return bits;
    }
}
