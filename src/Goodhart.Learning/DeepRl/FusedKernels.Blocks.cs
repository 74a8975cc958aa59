using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// <see cref="FusedKernels"/>' multi-row blocks: <see cref="MatMulFour"/> (four rows of a matrix product sharing each
/// load of the matrix) and <see cref="ScaledRowSumPair"/> (two rows of a weight gradient sharing each load of the
/// inputs). Each output is the same ascending fused multiply-add chain as one row at a time, so the same bits.
/// </summary>
internal static partial class FusedKernels
{
    /// <summary>
    /// <see cref="MatMul"/> for four rows of <paramref name="a"/> ([4, rows]) into <paramref name="output"/> ([4, cols]):
    /// the four-vector blocks of columns share the loads of <paramref name="m"/>; the columns past them go row by row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MatMulFour(ReadOnlySpan<float> a, int rows, ReadOnlySpan<float> m, int cols, ReadOnlySpan<float> init, Span<float> output)
    {
        if (a.Length < 4 * rows || m.Length < rows * cols || init.Length < cols || output.Length < 4 * cols)
            throw new ArgumentException("MatMulFour: a span is too short.");
        ref var mr = ref MemoryMarshal.GetReference(m);
        ref var ar = ref MemoryMarshal.GetReference(a);
        var j = Wide ? MatMulFourWide(a, rows, m, cols, init, output) : 0;
        for (; j + (4 * W) <= cols; j += 4 * W)
        {
            var i0 = new Vector<float>(init[j..]);
            var i1 = new Vector<float>(init[(j + W)..]);
            var i2 = new Vector<float>(init[(j + (2 * W))..]);
            var i3 = new Vector<float>(init[(j + (3 * W))..]);
            var (p0, p1, p2, p3) = (i0, i1, i2, i3);
            var (q0, q1, q2, q3) = (i0, i1, i2, i3);
            var (r0, r1, r2, r3) = (i0, i1, i2, i3);
            var (t0, t1, t2, t3) = (i0, i1, i2, i3);
            for (var k = 0; k < rows; k++)
            {
                ref var row = ref Unsafe.Add(ref mr, (k * cols) + j);
                var m0 = Vector.LoadUnsafe(ref row);
                var m1 = Vector.LoadUnsafe(ref row, (nuint)W);
                var m2 = Vector.LoadUnsafe(ref row, (nuint)(2 * W));
                var m3 = Vector.LoadUnsafe(ref row, (nuint)(3 * W));
                var x = new Vector<float>(Unsafe.Add(ref ar, k));
                p0 = Vector.FusedMultiplyAdd(m0, x, p0);
                p1 = Vector.FusedMultiplyAdd(m1, x, p1);
                p2 = Vector.FusedMultiplyAdd(m2, x, p2);
                p3 = Vector.FusedMultiplyAdd(m3, x, p3);
                x = new Vector<float>(Unsafe.Add(ref ar, rows + k));
                q0 = Vector.FusedMultiplyAdd(m0, x, q0);
                q1 = Vector.FusedMultiplyAdd(m1, x, q1);
                q2 = Vector.FusedMultiplyAdd(m2, x, q2);
                q3 = Vector.FusedMultiplyAdd(m3, x, q3);
                x = new Vector<float>(Unsafe.Add(ref ar, (2 * rows) + k));
                r0 = Vector.FusedMultiplyAdd(m0, x, r0);
                r1 = Vector.FusedMultiplyAdd(m1, x, r1);
                r2 = Vector.FusedMultiplyAdd(m2, x, r2);
                r3 = Vector.FusedMultiplyAdd(m3, x, r3);
                x = new Vector<float>(Unsafe.Add(ref ar, (3 * rows) + k));
                t0 = Vector.FusedMultiplyAdd(m0, x, t0);
                t1 = Vector.FusedMultiplyAdd(m1, x, t1);
                t2 = Vector.FusedMultiplyAdd(m2, x, t2);
                t3 = Vector.FusedMultiplyAdd(m3, x, t3);
            }

            Store(output[j..], p0, p1, p2, p3);
            Store(output[(cols + j)..], q0, q1, q2, q3);
            Store(output[((2 * cols) + j)..], r0, r1, r2, r3);
            Store(output[((3 * cols) + j)..], t0, t1, t2, t3);
        }

        for (var s = 0; j < cols && s < 4; s++)
            VecMatFrom(a.Slice(s * rows, rows), m, cols, init, output.Slice(s * cols, cols), j);
    }

    /// <summary>Four vectors to the start of <paramref name="output"/>, one after another.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Span<float> output, Vector<float> v0, Vector<float> v1, Vector<float> v2, Vector<float> v3)
    {
        v0.CopyTo(output);
        v1.CopyTo(output[W..]);
        v2.CopyTo(output[(2 * W)..]);
        v3.CopyTo(output[(3 * W)..]);
    }

    /// <summary>
    /// <see cref="ScaledRowSum"/> in place for two rows (scales scale[k stride] and scale[k stride + 1]), the same chains;
    /// the four-vector blocks share the loads of <paramref name="m"/>, the columns past them go row by row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScaledRowSumPair(ReadOnlySpan<float> scale, int stride, int count, ReadOnlySpan<float> m, int cols, Span<float> first, Span<float> second)
    {
        if (count < 1 || stride < 2 || scale.Length < ((count - 1) * stride) + 2 || m.Length < count * cols || first.Length < cols || second.Length < cols)
            throw new ArgumentException("ScaledRowSumPair: the scale, matrix or rows are too short.");
        ref var mr = ref MemoryMarshal.GetReference(m);
        ref var sr = ref MemoryMarshal.GetReference(scale);
        var j = Wide ? ScaledRowSumPairWide(scale, stride, count, m, cols, first, second) : 0;
        for (; j + (4 * W) <= cols; j += 4 * W)
        {
            var p0 = new Vector<float>(first[j..]);
            var p1 = new Vector<float>(first[(j + W)..]);
            var p2 = new Vector<float>(first[(j + (2 * W))..]);
            var p3 = new Vector<float>(first[(j + (3 * W))..]);
            var q0 = new Vector<float>(second[j..]);
            var q1 = new Vector<float>(second[(j + W)..]);
            var q2 = new Vector<float>(second[(j + (2 * W))..]);
            var q3 = new Vector<float>(second[(j + (3 * W))..]);
            for (var k = 0; k < count; k++)
            {
                var s = new Vector<float>(Unsafe.Add(ref sr, k * stride));
                var t = new Vector<float>(Unsafe.Add(ref sr, (k * stride) + 1));
                ref var row = ref Unsafe.Add(ref mr, (k * cols) + j);
                var m0 = Vector.LoadUnsafe(ref row);
                var m1 = Vector.LoadUnsafe(ref row, (nuint)W);
                var m2 = Vector.LoadUnsafe(ref row, (nuint)(2 * W));
                var m3 = Vector.LoadUnsafe(ref row, (nuint)(3 * W));
                p0 = Vector.FusedMultiplyAdd(m0, s, p0);
                p1 = Vector.FusedMultiplyAdd(m1, s, p1);
                p2 = Vector.FusedMultiplyAdd(m2, s, p2);
                p3 = Vector.FusedMultiplyAdd(m3, s, p3);
                q0 = Vector.FusedMultiplyAdd(m0, t, q0);
                q1 = Vector.FusedMultiplyAdd(m1, t, q1);
                q2 = Vector.FusedMultiplyAdd(m2, t, q2);
                q3 = Vector.FusedMultiplyAdd(m3, t, q3);
            }

            p0.CopyTo(first[j..]);
            p1.CopyTo(first[(j + W)..]);
            p2.CopyTo(first[(j + (2 * W))..]);
            p3.CopyTo(first[(j + (3 * W))..]);
            q0.CopyTo(second[j..]);
            q1.CopyTo(second[(j + W)..]);
            q2.CopyTo(second[(j + (2 * W))..]);
            q3.CopyTo(second[(j + (3 * W))..]);
        }

        if (j < cols)
        {
            ScaledRowSum(scale, stride, count, m, cols, first, first, j);
            ScaledRowSum(scale[1..], stride, count, m, cols, second, second, j);
        }
    }
}
