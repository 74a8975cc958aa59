using CsCheck;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Learning.Tests.DeepRl;

/// <summary>
/// <see cref="FusedKernels"/>' products are, bit for bit, one fused multiply-add chain per output in ascending order
/// (the order the fused update's determinism and its equality between <c>VecMat</c>, <c>MatMul</c> and
/// <c>AccumulateOuter</c> rest on), for every width: the 512-bit blocks of 64 columns (on a machine with AVX-512), the
/// four-vector blocks, the one-vector steps and the scalar tail; the element-wise kernels give each element the same bits
/// whichever of those paths it takes.
/// </summary>
public class FusedKernelsTests
{
    private static readonly Gen<(int Rows, int Cols, float[] Values)> Case =
        Gen.Int[0, 9].SelectMany(rows => Gen.Int[1, 150].SelectMany(cols =>
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

    /// <summary>A matrix of up to 12 rows and 150 columns, up to 8 row indices (repeats allowed) with their values, and one more row of floats.</summary>
    private static readonly Gen<(int Rows, int Cols, int[] Index, float[] Values)> SparseCase =
        Gen.Int[1, 12].SelectMany(rows => Gen.Int[1, 150].SelectMany(cols => Gen.Int[0, 8].SelectMany(nz =>
            Gen.Int[0, rows - 1].Array[nz].SelectMany(index => Gen.Float[-2f, 2f].Array[(rows * cols) + cols + nz].Select(v => (rows, cols, index, v))))));

    [Fact]
    public void SparseVecMat_is_one_ascending_fma_chain_per_column_over_the_listed_rows()
    {
        SparseCase.Sample(c =>
        {
            var (rows, cols, index, v) = c;
            var m = v.AsSpan(0, rows * cols).ToArray();
            var init = v.AsSpan(rows * cols, cols).ToArray();
            var value = v.AsSpan((rows * cols) + cols, index.Length).ToArray();
            var expected = new float[cols];
            for (var j = 0; j < cols; j++)
            {
                var acc = init[j];
                for (var z = 0; z < index.Length; z++)
                    acc = MathF.FusedMultiplyAdd(value[z], m[(index[z] * cols) + j], acc);
                expected[j] = acc;
            }

            var actual = new float[cols];
            FusedKernels.SparseVecMat(index, value, m, cols, init, actual);
            return Bits(expected).SequenceEqual(Bits(actual));
        });
    }

    [Fact]
    public void ScatterRows_adds_one_fma_per_listed_row_in_order_even_when_a_row_repeats()
    {
        SparseCase.Sample(c =>
        {
            var (rows, cols, index, v) = c;
            var m = v.AsSpan(0, rows * cols).ToArray();
            var row = v.AsSpan(rows * cols, cols).ToArray();
            var value = v.AsSpan((rows * cols) + cols, index.Length).ToArray();
            var expected = (float[])m.Clone();
            for (var z = 0; z < index.Length; z++)
            {
                for (var j = 0; j < cols; j++)
                    expected[(index[z] * cols) + j] = MathF.FusedMultiplyAdd(row[j], value[z], expected[(index[z] * cols) + j]);
            }

            FusedKernels.ScatterRows(index, value, row, m, cols);
            return Bits(expected).SequenceEqual(Bits(m));
        });
    }

    [Fact]
    public void Tanh_its_backward_and_Add_give_each_element_the_same_bits_in_a_long_span_as_in_a_short_one()
    {
        // A long span runs the widest blocks; eight elements at a time run one Vector<float> (or the scalar tail), so
        // equal bits mean the element's value does not depend on the path (and so on the machine's vector width).
        var gen = Gen.Int[1, 300].SelectMany(n => Gen.OneOf(Gen.Float[-6f, 6f], Gen.Float[-0.07f, 0.07f]).Array[3 * n].Select(v => (n, v)));
        gen.Sample(c =>
        {
            var (n, v) = c;
            var x = v.AsSpan(0, n).ToArray();
            var g = v.AsSpan(n, n).ToArray();
            var y = v.AsSpan(2 * n, n).ToArray();
            var (tanhLong, backLong, addLong) = ((float[])x.Clone(), (float[])g.Clone(), (float[])g.Clone());
            FusedKernels.Tanh(tanhLong);
            FusedKernels.TanhBackward(backLong, y);
            FusedKernels.Add(addLong, x);
            var (tanhShort, backShort, addShort) = ((float[])x.Clone(), (float[])g.Clone(), (float[])g.Clone());
            for (var i = 0; i < n; i += 8)
            {
                var length = Math.Min(8, n - i);
                FusedKernels.Tanh(tanhShort.AsSpan(i, length));
                FusedKernels.TanhBackward(backShort.AsSpan(i, length), y.AsSpan(i, length));
                FusedKernels.Add(addShort.AsSpan(i, length), x.AsSpan(i, length));
            }

            return Bits(tanhLong).SequenceEqual(Bits(tanhShort)) && Bits(backLong).SequenceEqual(Bits(backShort)) && Bits(addLong).SequenceEqual(Bits(addShort));
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
