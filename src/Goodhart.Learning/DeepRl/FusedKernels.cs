using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// The float32 SIMD kernels of <see cref="FusedMlpPpo"/> (<see cref="Vector{T}"/>, fused multiply-add): a row vector
/// times a matrix, the accumulated outer products of a weight gradient, row sums, tanh and its derivative. Every sum
/// runs in one fixed order (rows ascending, each column in its own lane), so results are a function of the inputs alone.
/// Matrices are row-major spans; callers pass spans of the exact sizes (checked once per call, not per element). With
/// AVX-512 the column blocks run 512 bits wide first (<c>FusedKernels.Wide.cs</c>), to the same bits.
/// </summary>
internal static partial class FusedKernels
{
    private static readonly int W = Vector<float>.Count;

    /// <summary><paramref name="output"/>[j] = <paramref name="init"/>[j] + sum over k of a[k] m[k, j], for j below <paramref name="cols"/> (m is [a.Length, cols]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void VecMat(ReadOnlySpan<float> a, ReadOnlySpan<float> m, int cols, ReadOnlySpan<float> init, Span<float> output) =>
        VecMatFrom(a, m, cols, init, output, 0);

    /// <summary>
    /// <see cref="VecMat"/> for each of <paramref name="n"/> rows of <paramref name="a"/> ([n, rows]) into the rows of
    /// <paramref name="output"/> ([n, cols]), four rows at a time (<see cref="MatMulFour"/>), then two, so each load of
    /// <paramref name="m"/> serves them all (every output sums in the same order as <see cref="VecMat"/>, so the results are the same bits).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MatMul(ReadOnlySpan<float> a, int rows, ReadOnlySpan<float> m, int cols, ReadOnlySpan<float> init, Span<float> output, int n)
    {
        if (a.Length < n * rows || m.Length < rows * cols || init.Length < cols || output.Length < n * cols)
            throw new ArgumentException("MatMul: a span is too short.");
        ref var mr = ref MemoryMarshal.GetReference(m);
        var s = 0;
        for (; s + 4 <= n; s += 4)
            MatMulFour(a.Slice(s * rows, 4 * rows), rows, m, cols, init, output.Slice(s * cols, 4 * cols));
        for (; s + 2 <= n; s += 2)
        {
            var a0 = a.Slice(s * rows, rows);
            var a1 = a.Slice((s + 1) * rows, rows);
            var o0 = output.Slice(s * cols, cols);
            var o1 = output.Slice((s + 1) * cols, cols);
            ref var ar0 = ref MemoryMarshal.GetReference(a0);
            ref var ar1 = ref MemoryMarshal.GetReference(a1);
            var j = Wide ? MatMulPairWide(a0, a1, rows, m, cols, init, o0, o1) : 0;
            for (; j + (4 * W) <= cols; j += 4 * W)
            {
                var p0 = new Vector<float>(init[j..]);
                var p1 = new Vector<float>(init[(j + W)..]);
                var p2 = new Vector<float>(init[(j + (2 * W))..]);
                var p3 = new Vector<float>(init[(j + (3 * W))..]);
                var (q0, q1, q2, q3) = (p0, p1, p2, p3);
                for (var k = 0; k < rows; k++)
                {
                    var x = new Vector<float>(Unsafe.Add(ref ar0, k));
                    var y = new Vector<float>(Unsafe.Add(ref ar1, k));
                    ref var row = ref Unsafe.Add(ref mr, (k * cols) + j);
                    var m0 = Vector.LoadUnsafe(ref row);
                    var m1 = Vector.LoadUnsafe(ref row, (nuint)W);
                    var m2 = Vector.LoadUnsafe(ref row, (nuint)(2 * W));
                    var m3 = Vector.LoadUnsafe(ref row, (nuint)(3 * W));
                    p0 = Vector.FusedMultiplyAdd(m0, x, p0);
                    p1 = Vector.FusedMultiplyAdd(m1, x, p1);
                    p2 = Vector.FusedMultiplyAdd(m2, x, p2);
                    p3 = Vector.FusedMultiplyAdd(m3, x, p3);
                    q0 = Vector.FusedMultiplyAdd(m0, y, q0);
                    q1 = Vector.FusedMultiplyAdd(m1, y, q1);
                    q2 = Vector.FusedMultiplyAdd(m2, y, q2);
                    q3 = Vector.FusedMultiplyAdd(m3, y, q3);
                }

                p0.CopyTo(o0[j..]);
                p1.CopyTo(o0[(j + W)..]);
                p2.CopyTo(o0[(j + (2 * W))..]);
                p3.CopyTo(o0[(j + (3 * W))..]);
                q0.CopyTo(o1[j..]);
                q1.CopyTo(o1[(j + W)..]);
                q2.CopyTo(o1[(j + (2 * W))..]);
                q3.CopyTo(o1[(j + (3 * W))..]);
            }

            if (j < cols)
            {
                VecMatFrom(a0, m, cols, init, o0, j);
                VecMatFrom(a1, m, cols, init, o1, j);
            }
        }

        if (s < n)
            VecMatFrom(a.Slice(s * rows, rows), m, cols, init, output.Slice(s * cols, cols), 0);
    }

    /// <summary><see cref="VecMat"/> for the columns from <paramref name="from"/> on.</summary>
    private static void VecMatFrom(ReadOnlySpan<float> a, ReadOnlySpan<float> m, int cols, ReadOnlySpan<float> init, Span<float> output, int from) =>
        ScaledRowSum(a, 1, a.Length, m, cols, init, output, from);

    /// <summary>
    /// The kernel of <see cref="VecMat"/> and <see cref="AccumulateOuter"/>: output[j] = init[j] + sum over k from 0 to
    /// <paramref name="count"/> - 1 (ascending, one fused multiply-add each) of scale[k x <paramref name="stride"/>] x
    /// m[k, j], for the columns j from <paramref name="from"/> on, four vectors of columns at a time, then one vector,
    /// then one column. <paramref name="init"/> and <paramref name="output"/> may be the same span (an accumulation in place).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScaledRowSum(ReadOnlySpan<float> scale, int stride, int count, ReadOnlySpan<float> m, int cols, ReadOnlySpan<float> init, Span<float> output, int from)
    {
        if ((count > 0 && scale.Length < ((count - 1) * stride) + 1) || m.Length < count * cols || init.Length < cols || output.Length < cols)
            throw new ArgumentException("ScaledRowSum: the scale, matrix, init or output is too short.");
        ref var mr = ref MemoryMarshal.GetReference(m);
        var j = Wide ? ScaledRowSumWide(scale, stride, count, m, cols, init, output, from) : from;
        for (; j + (4 * W) <= cols; j += 4 * W)
        {
            var acc0 = new Vector<float>(init[j..]);
            var acc1 = new Vector<float>(init[(j + W)..]);
            var acc2 = new Vector<float>(init[(j + (2 * W))..]);
            var acc3 = new Vector<float>(init[(j + (3 * W))..]);
            for (var k = 0; k < count; k++)
            {
                var s = new Vector<float>(scale[k * stride]);
                ref var row = ref Unsafe.Add(ref mr, (k * cols) + j);
                acc0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row), s, acc0);
                acc1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)W), s, acc1);
                acc2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(2 * W)), s, acc2);
                acc3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(3 * W)), s, acc3);
            }

            acc0.CopyTo(output[j..]);
            acc1.CopyTo(output[(j + W)..]);
            acc2.CopyTo(output[(j + (2 * W))..]);
            acc3.CopyTo(output[(j + (3 * W))..]);
        }

        for (; j + W <= cols; j += W)
        {
            var acc = new Vector<float>(init[j..]);
            for (var k = 0; k < count; k++)
                acc = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref Unsafe.Add(ref mr, (k * cols) + j)), new Vector<float>(scale[k * stride]), acc);
            acc.CopyTo(output[j..]);
        }

        for (; j < cols; j++)
        {
            var acc = init[j];
            for (var k = 0; k < count; k++)
                acc = MathF.FusedMultiplyAdd(scale[k * stride], m[(k * cols) + j], acc);
            output[j] = acc;
        }
    }

    /// <summary>
    /// A sparse row vector times a matrix: <paramref name="output"/>[j] = <paramref name="init"/>[j] + sum over z
    /// (ascending) of value[z] m[index[z], j], for j below <paramref name="cols"/> (a one-hot board's first layer).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SparseVecMat(ReadOnlySpan<int> index, ReadOnlySpan<float> value, ReadOnlySpan<float> m, int cols, ReadOnlySpan<float> init, Span<float> output)
    {
        var rows = m.Length / Math.Max(cols, 1);
        if (value.Length < index.Length || init.Length < cols || output.Length < cols)
            throw new ArgumentException("SparseVecMat: the values, init or output are too short.");
        foreach (var k in index)
        {
            if ((uint)k >= (uint)rows)
                throw new ArgumentOutOfRangeException(nameof(index), $"row {k} of a {rows}-row matrix.");
        }

        ref var mr = ref MemoryMarshal.GetReference(m);
        var j = Wide ? SparseVecMatWide(index, value, m, cols, init, output) : 0;
        for (; j + (4 * W) <= cols; j += 4 * W)
        {
            var acc0 = new Vector<float>(init[j..]);
            var acc1 = new Vector<float>(init[(j + W)..]);
            var acc2 = new Vector<float>(init[(j + (2 * W))..]);
            var acc3 = new Vector<float>(init[(j + (3 * W))..]);
            for (var z = 0; z < index.Length; z++)
            {
                var s = new Vector<float>(value[z]);
                ref var row = ref Unsafe.Add(ref mr, (index[z] * cols) + j);
                acc0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row), s, acc0);
                acc1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)W), s, acc1);
                acc2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(2 * W)), s, acc2);
                acc3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(3 * W)), s, acc3);
            }

            acc0.CopyTo(output[j..]);
            acc1.CopyTo(output[(j + W)..]);
            acc2.CopyTo(output[(j + (2 * W))..]);
            acc3.CopyTo(output[(j + (3 * W))..]);
        }

        for (; j + W <= cols; j += W)
        {
            var acc = new Vector<float>(init[j..]);
            for (var z = 0; z < index.Length; z++)
                acc = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref Unsafe.Add(ref mr, (index[z] * cols) + j)), new Vector<float>(value[z]), acc);
            acc.CopyTo(output[j..]);
        }

        for (; j < cols; j++)
        {
            var acc = init[j];
            for (var z = 0; z < index.Length; z++)
                acc = MathF.FusedMultiplyAdd(value[z], m[(index[z] * cols) + j], acc);
            output[j] = acc;
        }
    }

    /// <summary>
    /// The sparse layer's weight gradient: m[index[z], j] += value[z] <paramref name="row"/>[j] for each z (ascending)
    /// and j below <paramref name="cols"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ScatterRows(ReadOnlySpan<int> index, ReadOnlySpan<float> value, ReadOnlySpan<float> row, Span<float> m, int cols)
    {
        var rows = m.Length / Math.Max(cols, 1);
        if (value.Length < index.Length || row.Length < cols)
            throw new ArgumentException("ScatterRows: the values or the row are too short.");
        foreach (var k in index)
        {
            if ((uint)k >= (uint)rows)
                throw new ArgumentOutOfRangeException(nameof(index), $"row {k} of a {rows}-row matrix.");
        }

        ref var mr = ref MemoryMarshal.GetReference(m);
        var j = Wide ? ScatterRowsWide(index, value, row, m, cols) : 0;
        for (; j + (2 * W) <= cols; j += 2 * W)
        {
            var r0 = new Vector<float>(row[j..]);
            var r1 = new Vector<float>(row[(j + W)..]);
            for (var z = 0; z < index.Length; z++)
            {
                var s = new Vector<float>(value[z]);
                ref var target = ref Unsafe.Add(ref mr, (index[z] * cols) + j);
                Vector.FusedMultiplyAdd(r0, s, Vector.LoadUnsafe(ref target)).StoreUnsafe(ref target);
                Vector.FusedMultiplyAdd(r1, s, Vector.LoadUnsafe(ref target, (nuint)W)).StoreUnsafe(ref target, (nuint)W);
            }
        }

        for (; j < cols; j++)
        {
            for (var z = 0; z < index.Length; z++)
                m[(index[z] * cols) + j] = MathF.FusedMultiplyAdd(row[j], value[z], m[(index[z] * cols) + j]);
        }
    }

    /// <summary>
    /// The weight gradient of a linear layer, accumulated: d[o, j] += sum over rows i (ascending) of
    /// g[i, o] x[i, j], with g [n, <paramref name="gStride"/>] (its first <paramref name="outs"/> columns used) and x [n, cols].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AccumulateOuter(ReadOnlySpan<float> g, int gStride, int outs, ReadOnlySpan<float> x, int cols, int n, Span<float> d)
    {
        if (g.Length < n * gStride || x.Length < n * cols || d.Length < outs * cols || outs > gStride)
            throw new ArgumentException("AccumulateOuter: a span is too short.");
        var o = 0;
        if (n > 0)
        {
            // Two weight rows at a time: each load of x serves both (each weight's chain is the same as one row at a time).
            for (; o + 2 <= outs; o += 2)
                ScaledRowSumPair(g[o..], gStride, n, x, cols, d.Slice(o * cols, cols), d.Slice((o + 1) * cols, cols));
        }

        for (; o < outs; o++)
        {
            var row = d.Slice(o * cols, cols);
            ScaledRowSum(n == 0 ? [] : g[o..], gStride, n, x, cols, row, row, 0);
        }
    }

    /// <summary><paramref name="target"/> += <paramref name="source"/>, element by element (a bias gradient's row sum).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add(Span<float> target, ReadOnlySpan<float> source)
    {
        if (source.Length < target.Length)
            throw new ArgumentException("Add: the source is too short.");
        var i = Wide ? AddWide(target, source) : 0;
        for (; i + W <= target.Length; i += W)
            (new Vector<float>(target[i..]) + new Vector<float>(source[i..])).CopyTo(target[i..]);
        for (; i < target.Length; i++)
            target[i] += source[i];
    }

    /// <summary>The dot product of <paramref name="a"/> and <paramref name="b"/> (lane sums, then the tail).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (b.Length < a.Length)
            throw new ArgumentException("Dot: the second span is too short.");
        var i = 0;
        var acc = Vector<float>.Zero;
        for (; i + W <= a.Length; i += W)
            acc = Vector.FusedMultiplyAdd(new Vector<float>(a[i..]), new Vector<float>(b[i..]), acc);
        var sum = Vector.Sum(acc);
        for (; i < a.Length; i++)
            sum = MathF.FusedMultiplyAdd(a[i], b[i], sum);
        return sum;
    }

    /// <summary>
    /// tanh in place: odd Taylor terms to x^7 below |x| = 1/16 (relative error under 1e-11 there), otherwise
    /// sign(x) (1 - e) / (1 + e) with e = exp(-2|x|) (<see cref="Vector.Exp(Vector{float})"/>; relative error about 1e-6 at worst).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tanh(Span<float> values)
    {
        var i = Wide ? TanhWide(values) : 0;
        var one = Vector<float>.One;
        var minusTwo = new Vector<float>(-2f);
        var small = new Vector<float>(0.0625f);
        var c3 = new Vector<float>(-1f / 3f);
        var c5 = new Vector<float>(2f / 15f);
        var c7 = new Vector<float>(-17f / 315f);
        for (; i + W <= values.Length; i += W)
        {
            var x = new Vector<float>(values[i..]);
            var ax = Vector.Abs(x);
            var e = Vector.Exp(ax * minusTwo);
            var r = (one - e) / (one + e);
            r = Vector.ConditionalSelect(Vector.LessThan(x, Vector<float>.Zero), -r, r);
            var x2 = x * x;
            var p = x * Vector.FusedMultiplyAdd(x2, Vector.FusedMultiplyAdd(x2, Vector.FusedMultiplyAdd(x2, c7, c5), c3), one);
            Vector.ConditionalSelect(Vector.LessThan(ax, small), p, r).CopyTo(values[i..]);
        }

        for (; i < values.Length; i++)
            values[i] = MathF.Tanh(values[i]);
    }

    /// <summary>gradient[i] *= 1 - y[i]^2: the gradient through tanh from its outputs <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TanhBackward(Span<float> gradient, ReadOnlySpan<float> y)
    {
        if (y.Length < gradient.Length)
            throw new ArgumentException("TanhBackward: the outputs are too short.");
        var i = Wide ? TanhBackwardWide(gradient, y) : 0;
        for (; i + W <= gradient.Length; i += W)
        {
            var v = new Vector<float>(y[i..]);
            (new Vector<float>(gradient[i..]) * (Vector<float>.One - (v * v))).CopyTo(gradient[i..]);
        }

        for (; i < gradient.Length; i++)
            gradient[i] *= 1 - (y[i] * y[i]);
    }
}
