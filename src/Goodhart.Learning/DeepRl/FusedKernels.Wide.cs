using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// <see cref="FusedKernels"/>' 512-bit column blocks: where the runtime accelerates <see cref="Vector512{T}"/> (AVX-512)
/// and <see cref="Vector{T}"/> is narrower (256 bits by default), each kernel first runs its columns 64 at a time in four
/// 16-lane registers, then hands the rest to its <see cref="Vector{T}"/> loops. Every column keeps its own lane and its
/// ascending fused multiply-add chain, and the element-wise steps (tanh through <see cref="Vector512.Exp(Vector512{float})"/>)
/// compute each element as the narrow loops do, so the bits are the same on either path; only the speed differs.
/// <c>DOTNET_PreferredVectorBitWidth=256</c> turns the wide blocks off.
/// </summary>
internal static partial class FusedKernels
{
    private const int WideLanes = 16;
    private const int WideBlock = 4 * WideLanes;

    /// <summary>Whether the 512-bit blocks run (a JIT-time constant).</summary>
    internal static bool Wide
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.IsHardwareAccelerated && Vector<float>.Count < WideLanes;
    }

    /// <summary><see cref="ScaledRowSum"/>'s 64-column blocks from <paramref name="from"/>; returns the first column left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ScaledRowSumWide(ReadOnlySpan<float> scale, int stride, int count, ReadOnlySpan<float> m, int cols, ReadOnlySpan<float> init, Span<float> output, int from)
    {
        ref var mr = ref MemoryMarshal.GetReference(m);
        ref var sr = ref MemoryMarshal.GetReference(scale);
        ref var ir = ref MemoryMarshal.GetReference(init);
        ref var or = ref MemoryMarshal.GetReference(output);
        var j = from;
        for (; j + WideBlock <= cols; j += WideBlock)
        {
            var acc0 = Vector512.LoadUnsafe(ref ir, (nuint)j);
            var acc1 = Vector512.LoadUnsafe(ref ir, (nuint)(j + WideLanes));
            var acc2 = Vector512.LoadUnsafe(ref ir, (nuint)(j + (2 * WideLanes)));
            var acc3 = Vector512.LoadUnsafe(ref ir, (nuint)(j + (3 * WideLanes)));
            for (var k = 0; k < count; k++)
            {
                var s = Vector512.Create(Unsafe.Add(ref sr, k * stride));
                ref var row = ref Unsafe.Add(ref mr, (k * cols) + j);
                acc0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row), s, acc0);
                acc1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, WideLanes), s, acc1);
                acc2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 2 * WideLanes), s, acc2);
                acc3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 3 * WideLanes), s, acc3);
            }

            StoreWide(ref Unsafe.Add(ref or, j), acc0, acc1, acc2, acc3);
        }

        return j;
    }

    /// <summary>Two rows of <see cref="MatMul"/>'s pair loop, 64 columns at a time; returns the first column left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int MatMulPairWide(ReadOnlySpan<float> a0, ReadOnlySpan<float> a1, int rows, ReadOnlySpan<float> m, int cols, ReadOnlySpan<float> init, Span<float> o0, Span<float> o1)
    {
        ref var mr = ref MemoryMarshal.GetReference(m);
        ref var ar0 = ref MemoryMarshal.GetReference(a0);
        ref var ar1 = ref MemoryMarshal.GetReference(a1);
        ref var ir = ref MemoryMarshal.GetReference(init);
        var j = 0;
        for (; j + WideBlock <= cols; j += WideBlock)
        {
            var p0 = Vector512.LoadUnsafe(ref ir, (nuint)j);
            var p1 = Vector512.LoadUnsafe(ref ir, (nuint)(j + WideLanes));
            var p2 = Vector512.LoadUnsafe(ref ir, (nuint)(j + (2 * WideLanes)));
            var p3 = Vector512.LoadUnsafe(ref ir, (nuint)(j + (3 * WideLanes)));
            var (q0, q1, q2, q3) = (p0, p1, p2, p3);
            for (var k = 0; k < rows; k++)
            {
                var x = Vector512.Create(Unsafe.Add(ref ar0, k));
                var y = Vector512.Create(Unsafe.Add(ref ar1, k));
                ref var row = ref Unsafe.Add(ref mr, (k * cols) + j);
                var m0 = Vector512.LoadUnsafe(ref row);
                var m1 = Vector512.LoadUnsafe(ref row, WideLanes);
                var m2 = Vector512.LoadUnsafe(ref row, 2 * WideLanes);
                var m3 = Vector512.LoadUnsafe(ref row, 3 * WideLanes);
                p0 = Vector512.FusedMultiplyAdd(m0, x, p0);
                p1 = Vector512.FusedMultiplyAdd(m1, x, p1);
                p2 = Vector512.FusedMultiplyAdd(m2, x, p2);
                p3 = Vector512.FusedMultiplyAdd(m3, x, p3);
                q0 = Vector512.FusedMultiplyAdd(m0, y, q0);
                q1 = Vector512.FusedMultiplyAdd(m1, y, q1);
                q2 = Vector512.FusedMultiplyAdd(m2, y, q2);
                q3 = Vector512.FusedMultiplyAdd(m3, y, q3);
            }

            StoreWide(ref MemoryMarshal.GetReference(o0[j..]), p0, p1, p2, p3);
            StoreWide(ref MemoryMarshal.GetReference(o1[j..]), q0, q1, q2, q3);
        }

        return j;
    }

    /// <summary><see cref="MatMulFour"/>'s 64-column blocks (sixteen accumulators, four loads of m per k); returns the first column left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int MatMulFourWide(ReadOnlySpan<float> a, int rows, ReadOnlySpan<float> m, int cols, ReadOnlySpan<float> init, Span<float> output)
    {
        ref var mr = ref MemoryMarshal.GetReference(m);
        ref var ar = ref MemoryMarshal.GetReference(a);
        ref var ir = ref MemoryMarshal.GetReference(init);
        ref var or = ref MemoryMarshal.GetReference(output);
        var j = 0;
        for (; j + WideBlock <= cols; j += WideBlock)
        {
            var i0 = Vector512.LoadUnsafe(ref ir, (nuint)j);
            var i1 = Vector512.LoadUnsafe(ref ir, (nuint)(j + WideLanes));
            var i2 = Vector512.LoadUnsafe(ref ir, (nuint)(j + (2 * WideLanes)));
            var i3 = Vector512.LoadUnsafe(ref ir, (nuint)(j + (3 * WideLanes)));
            var (p0, p1, p2, p3) = (i0, i1, i2, i3);
            var (q0, q1, q2, q3) = (i0, i1, i2, i3);
            var (r0, r1, r2, r3) = (i0, i1, i2, i3);
            var (t0, t1, t2, t3) = (i0, i1, i2, i3);
            for (var k = 0; k < rows; k++)
            {
                ref var row = ref Unsafe.Add(ref mr, (k * cols) + j);
                var m0 = Vector512.LoadUnsafe(ref row);
                var m1 = Vector512.LoadUnsafe(ref row, WideLanes);
                var m2 = Vector512.LoadUnsafe(ref row, 2 * WideLanes);
                var m3 = Vector512.LoadUnsafe(ref row, 3 * WideLanes);
                var x = Vector512.Create(Unsafe.Add(ref ar, k));
                p0 = Vector512.FusedMultiplyAdd(m0, x, p0);
                p1 = Vector512.FusedMultiplyAdd(m1, x, p1);
                p2 = Vector512.FusedMultiplyAdd(m2, x, p2);
                p3 = Vector512.FusedMultiplyAdd(m3, x, p3);
                x = Vector512.Create(Unsafe.Add(ref ar, rows + k));
                q0 = Vector512.FusedMultiplyAdd(m0, x, q0);
                q1 = Vector512.FusedMultiplyAdd(m1, x, q1);
                q2 = Vector512.FusedMultiplyAdd(m2, x, q2);
                q3 = Vector512.FusedMultiplyAdd(m3, x, q3);
                x = Vector512.Create(Unsafe.Add(ref ar, (2 * rows) + k));
                r0 = Vector512.FusedMultiplyAdd(m0, x, r0);
                r1 = Vector512.FusedMultiplyAdd(m1, x, r1);
                r2 = Vector512.FusedMultiplyAdd(m2, x, r2);
                r3 = Vector512.FusedMultiplyAdd(m3, x, r3);
                x = Vector512.Create(Unsafe.Add(ref ar, (3 * rows) + k));
                t0 = Vector512.FusedMultiplyAdd(m0, x, t0);
                t1 = Vector512.FusedMultiplyAdd(m1, x, t1);
                t2 = Vector512.FusedMultiplyAdd(m2, x, t2);
                t3 = Vector512.FusedMultiplyAdd(m3, x, t3);
            }

            StoreWide(ref Unsafe.Add(ref or, j), p0, p1, p2, p3);
            StoreWide(ref Unsafe.Add(ref or, cols + j), q0, q1, q2, q3);
            StoreWide(ref Unsafe.Add(ref or, (2 * cols) + j), r0, r1, r2, r3);
            StoreWide(ref Unsafe.Add(ref or, (3 * cols) + j), t0, t1, t2, t3);
        }

        return j;
    }

    /// <summary><see cref="ScaledRowSumPair"/>'s 64-column blocks; returns the first column left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ScaledRowSumPairWide(ReadOnlySpan<float> scale, int stride, int count, ReadOnlySpan<float> m, int cols, Span<float> first, Span<float> second)
    {
        ref var mr = ref MemoryMarshal.GetReference(m);
        ref var sr = ref MemoryMarshal.GetReference(scale);
        ref var fr = ref MemoryMarshal.GetReference(first);
        ref var tr = ref MemoryMarshal.GetReference(second);
        var j = 0;
        for (; j + WideBlock <= cols; j += WideBlock)
        {
            var p0 = Vector512.LoadUnsafe(ref fr, (nuint)j);
            var p1 = Vector512.LoadUnsafe(ref fr, (nuint)(j + WideLanes));
            var p2 = Vector512.LoadUnsafe(ref fr, (nuint)(j + (2 * WideLanes)));
            var p3 = Vector512.LoadUnsafe(ref fr, (nuint)(j + (3 * WideLanes)));
            var q0 = Vector512.LoadUnsafe(ref tr, (nuint)j);
            var q1 = Vector512.LoadUnsafe(ref tr, (nuint)(j + WideLanes));
            var q2 = Vector512.LoadUnsafe(ref tr, (nuint)(j + (2 * WideLanes)));
            var q3 = Vector512.LoadUnsafe(ref tr, (nuint)(j + (3 * WideLanes)));
            for (var k = 0; k < count; k++)
            {
                var s = Vector512.Create(Unsafe.Add(ref sr, k * stride));
                var t = Vector512.Create(Unsafe.Add(ref sr, (k * stride) + 1));
                ref var row = ref Unsafe.Add(ref mr, (k * cols) + j);
                var m0 = Vector512.LoadUnsafe(ref row);
                var m1 = Vector512.LoadUnsafe(ref row, WideLanes);
                var m2 = Vector512.LoadUnsafe(ref row, 2 * WideLanes);
                var m3 = Vector512.LoadUnsafe(ref row, 3 * WideLanes);
                p0 = Vector512.FusedMultiplyAdd(m0, s, p0);
                p1 = Vector512.FusedMultiplyAdd(m1, s, p1);
                p2 = Vector512.FusedMultiplyAdd(m2, s, p2);
                p3 = Vector512.FusedMultiplyAdd(m3, s, p3);
                q0 = Vector512.FusedMultiplyAdd(m0, t, q0);
                q1 = Vector512.FusedMultiplyAdd(m1, t, q1);
                q2 = Vector512.FusedMultiplyAdd(m2, t, q2);
                q3 = Vector512.FusedMultiplyAdd(m3, t, q3);
            }

            StoreWide(ref Unsafe.Add(ref fr, j), p0, p1, p2, p3);
            StoreWide(ref Unsafe.Add(ref tr, j), q0, q1, q2, q3);
        }

        return j;
    }

    /// <summary><see cref="SparseVecMat"/>'s 64-column blocks (row indices already checked); returns the first column left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int SparseVecMatWide(ReadOnlySpan<int> index, ReadOnlySpan<float> value, ReadOnlySpan<float> m, int cols, ReadOnlySpan<float> init, Span<float> output)
    {
        ref var mr = ref MemoryMarshal.GetReference(m);
        ref var ir = ref MemoryMarshal.GetReference(init);
        ref var or = ref MemoryMarshal.GetReference(output);
        var j = 0;
        for (; j + WideBlock <= cols; j += WideBlock)
        {
            var acc0 = Vector512.LoadUnsafe(ref ir, (nuint)j);
            var acc1 = Vector512.LoadUnsafe(ref ir, (nuint)(j + WideLanes));
            var acc2 = Vector512.LoadUnsafe(ref ir, (nuint)(j + (2 * WideLanes)));
            var acc3 = Vector512.LoadUnsafe(ref ir, (nuint)(j + (3 * WideLanes)));
            for (var z = 0; z < index.Length; z++)
            {
                var s = Vector512.Create(value[z]);
                ref var row = ref Unsafe.Add(ref mr, (index[z] * cols) + j);
                acc0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row), s, acc0);
                acc1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, WideLanes), s, acc1);
                acc2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 2 * WideLanes), s, acc2);
                acc3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 3 * WideLanes), s, acc3);
            }

            StoreWide(ref Unsafe.Add(ref or, j), acc0, acc1, acc2, acc3);
        }

        return j;
    }

    /// <summary><see cref="ScatterRows"/>'s 32-column blocks (row indices already checked); returns the first column left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ScatterRowsWide(ReadOnlySpan<int> index, ReadOnlySpan<float> value, ReadOnlySpan<float> row, Span<float> m, int cols)
    {
        ref var mr = ref MemoryMarshal.GetReference(m);
        ref var rr = ref MemoryMarshal.GetReference(row);
        var j = 0;
        for (; j + (2 * WideLanes) <= cols; j += 2 * WideLanes)
        {
            var r0 = Vector512.LoadUnsafe(ref rr, (nuint)j);
            var r1 = Vector512.LoadUnsafe(ref rr, (nuint)(j + WideLanes));
            for (var z = 0; z < index.Length; z++)
            {
                var s = Vector512.Create(value[z]);
                ref var target = ref Unsafe.Add(ref mr, (index[z] * cols) + j);
                Vector512.FusedMultiplyAdd(r0, s, Vector512.LoadUnsafe(ref target)).StoreUnsafe(ref target);
                Vector512.FusedMultiplyAdd(r1, s, Vector512.LoadUnsafe(ref target, WideLanes)).StoreUnsafe(ref target, WideLanes);
            }
        }

        return j;
    }

    /// <summary><see cref="Tanh"/>'s 16-element steps (the same formula, element by element); returns the first element left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int TanhWide(Span<float> values)
    {
        ref var vr = ref MemoryMarshal.GetReference(values);
        var one = Vector512<float>.One;
        var minusTwo = Vector512.Create(-2f);
        var small = Vector512.Create(0.0625f);
        var c3 = Vector512.Create(-1f / 3f);
        var c5 = Vector512.Create(2f / 15f);
        var c7 = Vector512.Create(-17f / 315f);
        var i = 0;
        for (; i + WideLanes <= values.Length; i += WideLanes)
        {
            var x = Vector512.LoadUnsafe(ref vr, (nuint)i);
            var ax = Vector512.Abs(x);
            var e = Vector512.Exp(ax * minusTwo);
            var r = (one - e) / (one + e);
            r = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), -r, r);
            var x2 = x * x;
            var p = x * Vector512.FusedMultiplyAdd(x2, Vector512.FusedMultiplyAdd(x2, Vector512.FusedMultiplyAdd(x2, c7, c5), c3), one);
            Vector512.ConditionalSelect(Vector512.LessThan(ax, small), p, r).StoreUnsafe(ref vr, (nuint)i);
        }

        return i;
    }

    /// <summary><see cref="TanhBackward"/>'s 16-element steps; returns the first element left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int TanhBackwardWide(Span<float> gradient, ReadOnlySpan<float> y)
    {
        ref var gr = ref MemoryMarshal.GetReference(gradient);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var i = 0;
        for (; i + WideLanes <= gradient.Length; i += WideLanes)
        {
            var v = Vector512.LoadUnsafe(ref yr, (nuint)i);
            (Vector512.LoadUnsafe(ref gr, (nuint)i) * (Vector512<float>.One - (v * v))).StoreUnsafe(ref gr, (nuint)i);
        }

        return i;
    }

    /// <summary><see cref="Add"/>'s 16-element steps; returns the first element left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AddWide(Span<float> target, ReadOnlySpan<float> source)
    {
        ref var tr = ref MemoryMarshal.GetReference(target);
        ref var sr = ref MemoryMarshal.GetReference(source);
        var i = 0;
        for (; i + WideLanes <= target.Length; i += WideLanes)
            (Vector512.LoadUnsafe(ref tr, (nuint)i) + Vector512.LoadUnsafe(ref sr, (nuint)i)).StoreUnsafe(ref tr, (nuint)i);
        return i;
    }

    /// <summary>Four 16-lane vectors to <paramref name="target"/> and the 48 floats after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreWide(ref float target, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3)
    {
        v0.StoreUnsafe(ref target);
        v1.StoreUnsafe(ref target, WideLanes);
        v2.StoreUnsafe(ref target, 2 * WideLanes);
        v3.StoreUnsafe(ref target, 3 * WideLanes);
    }
}
