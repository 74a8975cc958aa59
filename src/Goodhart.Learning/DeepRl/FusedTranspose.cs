using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// A matrix transpose for the fused networks' weights: [rows, cols] row-major into [cols, stride] (each destination
/// row starts <c>stride</c> floats after the last; the columns past <c>rows</c> are left as they are). It only moves
/// floats, so the result is the same bits however it is done: with AVX in 8 x 8 blocks (eight row loads, three rounds
/// of shuffles, eight row stores), the edges and machines without AVX one float at a time.
/// </summary>
internal static class FusedTranspose
{
    private const int Block = 8;

    /// <summary><paramref name="destination"/>[c x <paramref name="stride"/> + r] = <paramref name="source"/>[r x <paramref name="cols"/> + c] for r below <paramref name="rows"/>, c below <paramref name="cols"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transpose(ReadOnlySpan<float> source, int rows, int cols, Span<float> destination, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, rows);
        if (source.Length < rows * cols || (cols > 0 && destination.Length < ((cols - 1) * stride) + rows))
            throw new ArgumentException("Transpose: the source or destination is too short.");
        var fullRows = Avx.IsSupported ? rows / Block * Block : 0;
        var fullCols = Avx.IsSupported ? cols / Block * Block : 0;
        ref var s = ref MemoryMarshal.GetReference(source);
        ref var d = ref MemoryMarshal.GetReference(destination);
        for (var r = 0; r < fullRows; r += Block)
        {
            for (var c = 0; c < fullCols; c += Block)
                Block8(ref Unsafe.Add(ref s, (r * cols) + c), cols, ref Unsafe.Add(ref d, (c * stride) + r), stride);
        }

        // The edges: the columns right of the blocks for every row, and the rows below the blocks for the blocks' columns.
        for (var r = 0; r < rows; r++)
        {
            for (var c = fullCols; c < cols; c++)
                destination[(c * stride) + r] = source[(r * cols) + c];
        }

        for (var r = fullRows; r < rows; r++)
        {
            for (var c = 0; c < fullCols; c++)
                destination[(c * stride) + r] = source[(r * cols) + c];
        }
    }

    /// <summary>One 8 x 8 block: rows of <paramref name="source"/> <paramref name="sourceStride"/> apart into rows of <paramref name="destination"/> <paramref name="destinationStride"/> apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block8(ref float source, int sourceStride, ref float destination, int destinationStride)
    {
        var r0 = Vector256.LoadUnsafe(ref source);
        var r1 = Vector256.LoadUnsafe(ref source, (nuint)sourceStride);
        var r2 = Vector256.LoadUnsafe(ref source, (nuint)(2 * sourceStride));
        var r3 = Vector256.LoadUnsafe(ref source, (nuint)(3 * sourceStride));
        var r4 = Vector256.LoadUnsafe(ref source, (nuint)(4 * sourceStride));
        var r5 = Vector256.LoadUnsafe(ref source, (nuint)(5 * sourceStride));
        var r6 = Vector256.LoadUnsafe(ref source, (nuint)(6 * sourceStride));
        var r7 = Vector256.LoadUnsafe(ref source, (nuint)(7 * sourceStride));

        // Interleave pairs of rows, then pairs of pairs (within each 128-bit half), then swap the halves.
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref destination);
        Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref destination, (nuint)destinationStride);
        Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref destination, (nuint)(2 * destinationStride));
        Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref destination, (nuint)(3 * destinationStride));
        Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref destination, (nuint)(4 * destinationStride));
        Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref destination, (nuint)(5 * destinationStride));
        Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref destination, (nuint)(6 * destinationStride));
        Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref destination, (nuint)(7 * destinationStride));
    }
}
