using CsCheck;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Learning.Tests.DeepRl;

/// <summary>
/// <see cref="FusedKernels"/>' multi-row blocks (four rows of <c>MatMul</c> at a time, two weight rows of
/// <c>AccumulateOuter</c> at a time) give, bit for bit, one ascending fused multiply-add chain per output, for every
/// count of rows (blocks of four, a pair, a single row left over) and every width (the 512-bit blocks of 64 columns too, on a machine with AVX-512).
/// </summary>
public class FusedKernelBlocksTests
{
    private static readonly Gen<(int N, int Rows, int Cols, float[] Values)> Case =
        Gen.Int[0, 11].SelectMany(n => Gen.Int[0, 9].SelectMany(rows => Gen.Int[1, 150].SelectMany(cols =>
            Gen.Float[-2f, 2f].Array[(rows * cols) + cols + (n * rows) + (n * cols)].Select(values => (n, rows, cols, values)))));

    [Fact]
    public void MatMul_of_any_row_count_is_one_ascending_fma_chain_per_output()
    {
        Case.Sample(c =>
        {
            var (n, rows, cols, v) = c;
            var m = v.AsSpan(0, rows * cols).ToArray();
            var init = v.AsSpan(rows * cols, cols).ToArray();
            var a = v.AsSpan((rows * cols) + cols, n * rows).ToArray();
            var expected = new float[n * cols];
            for (var s = 0; s < n; s++)
            {
                for (var j = 0; j < cols; j++)
                {
                    var acc = init[j];
                    for (var k = 0; k < rows; k++)
                        acc = MathF.FusedMultiplyAdd(a[(s * rows) + k], m[(k * cols) + j], acc);
                    expected[(s * cols) + j] = acc;
                }
            }

            var actual = new float[n * cols];
            FusedKernels.MatMul(a, rows, m, cols, init, actual, n);
            return Bits(expected).SequenceEqual(Bits(actual));
        });
    }

    [Fact]
    public void AccumulateOuter_of_any_output_count_adds_one_ascending_fma_chain_per_weight()
    {
        Case.Sample(c =>
        {
            // g [rows samples, stride n + 1] with its first n columns used (n outputs), x [rows, cols], d [n, cols] in place.
            var (outs, samples, cols, v) = c;
            var stride = outs + 1;
            var x = v.AsSpan(0, samples * cols).ToArray();
            var d = new float[outs * cols];
            v.AsSpan(v.Length - (outs * cols), outs * cols).CopyTo(d);
            var g = new float[samples * stride];
            for (var i = 0; i < g.Length; i++)
                g[i] = v[(i * 7) % v.Length] - 0.5f;
            var expected = (float[])d.Clone();
            for (var o = 0; o < outs; o++)
            {
                for (var j = 0; j < cols; j++)
                {
                    var acc = expected[(o * cols) + j];
                    for (var k = 0; k < samples; k++)
                        acc = MathF.FusedMultiplyAdd(g[(k * stride) + o], x[(k * cols) + j], acc);
                    expected[(o * cols) + j] = acc;
                }
            }

            FusedKernels.AccumulateOuter(g, stride, outs, x, cols, samples, d);
            return Bits(expected).SequenceEqual(Bits(d));
        });
    }

    private static int[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToInt32Bits)];
}
