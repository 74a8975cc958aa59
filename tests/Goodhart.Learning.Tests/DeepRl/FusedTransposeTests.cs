using CsCheck;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Learning.Tests.DeepRl;

/// <summary>
/// <see cref="FusedTranspose"/> (8 x 8 AVX blocks and scalar edges) writes exactly what the element-by-element
/// transpose it replaced wrote, for every shape (whole blocks, edges of every width, fewer than 8 rows or columns) and
/// destination stride, and leaves the destination's other floats alone.
/// </summary>
public class FusedTransposeTests
{
    private static readonly Gen<(int Rows, int Cols, int Pad, float[] Values)> Case =
        Gen.Int[0, 40].SelectMany(rows => Gen.Int[0, 40].SelectMany(cols => Gen.Int[0, 9].SelectMany(pad =>
            Gen.Float.Array[rows * cols].Select(values => (rows, cols, pad, values)))));

    [Fact]
    public void Transpose_equals_the_element_by_element_transpose_bit_for_bit()
    {
        Case.Sample(c =>
        {
            var (rows, cols, pad, source) = c;
            var stride = rows + pad;
            var expected = new float[(cols * stride) + 3];
            Array.Fill(expected, 7.5f);
            var actual = (float[])expected.Clone();
            for (var r = 0; r < rows; r++)
            {
                for (var col = 0; col < cols; col++)
                    expected[(col * stride) + r] = source[(r * cols) + col];
            }

            FusedTranspose.Transpose(source, rows, cols, actual, stride);
            return expected.Select(BitConverter.SingleToInt32Bits).SequenceEqual(actual.Select(BitConverter.SingleToInt32Bits));
        });
    }

    [Fact]
    public void Transpose_refuses_spans_that_are_too_short()
    {
        Assert.Throws<ArgumentException>(() => FusedTranspose.Transpose(new float[15], 4, 4, new float[16], 4));
        Assert.Throws<ArgumentException>(() => FusedTranspose.Transpose(new float[16], 4, 4, new float[15], 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => FusedTranspose.Transpose(new float[16], 4, 4, new float[16], 3));
    }
}
