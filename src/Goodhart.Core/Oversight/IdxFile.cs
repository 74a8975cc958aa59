using System.Buffers.Binary;
using System.IO.Compression;

namespace Goodhart.Core.Oversight;

/// <summary>
/// Reads the IDX format of (Fashion-)MNIST (LeCun's: two zero bytes, a type byte, the number of dimensions, each
/// dimension as a big-endian 32-bit integer, then the values), gzipped (<c>.gz</c>, as Debian ships it) or plain.
/// Only unsigned bytes (type 0x08) are read. Limits: 1 to 4 dimensions, each at least 1, at most
/// <see cref="MaxValues"/> values in all; a smaller <c>limit</c> reads only the first items. The declared size is
/// never allocated up front: a plain file's length is checked first, a gzipped one is read in growing chunks, so a
/// truncated file is refused after allocating what it holds. Anything else is an
/// <see cref="IdxFormatException"/> naming the file and the byte offset.
/// </summary>
public static class IdxFile
{
    /// <summary>The most values one file may hold (2^28, about 268 million; Fashion-MNIST's training images hold 47 million).</summary>
    public const long MaxValues = 1L << 28;

    /// <summary>The first buffer for values read from a stream of unknown length (gzip); it doubles as the data arrives.</summary>
    public const int FirstChunkBytes = 1 << 20;

    /// <summary>The type byte of unsigned bytes.</summary>
    public const byte UnsignedByte = 0x08;

    /// <summary>Reads <paramref name="path"/> (gzipped when it ends in <c>.gz</c>), keeping at most <paramref name="limit"/> items of the outermost dimension.</summary>
    public static IdxArray Read(string path, int limit = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        return Read(stream, path, limit);
    }

    /// <summary>Reads an uncompressed IDX stream; <paramref name="name"/> names it in errors.</summary>
    public static IdxArray Read(Stream stream, string name, int limit = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        long offset = 0;
        Span<byte> header = stackalloc byte[4];
        Fill(stream, header, name, ref offset, "the 4-byte header (0, 0, type, dimensions)");
        if (header[0] != 0 || header[1] != 0)
            throw new IdxFormatException(name, 0, $"not an IDX file: the first two bytes are {header[0]:x2} {header[1]:x2}, not 00 00");
        if (header[2] != UnsignedByte)
            throw new IdxFormatException(name, 2, $"value type 0x{header[2]:x2} is not supported (only unsigned bytes, 0x08)");
        int dimensions = header[3];
        if (dimensions is < 1 or > 4)
            throw new IdxFormatException(name, 3, $"{dimensions} dimensions (1 to 4 are supported)");
        var shape = new int[dimensions];
        Span<byte> word = stackalloc byte[4];
        long total = 1;
        for (var d = 0; d < dimensions; d++)
        {
            var at = offset;
            Fill(stream, word, name, ref offset, $"dimension {d + 1} of {dimensions}");
            var size = BinaryPrimitives.ReadInt32BigEndian(word);
            if (size < 1)
                throw new IdxFormatException(name, at, $"dimension {d + 1} is {size} (must be at least 1)");
            total *= size;
            if (total > MaxValues)
                throw new IdxFormatException(name, at, $"more than {MaxValues} values (the limit)");
            shape[d] = size;
        }
        var itemSize = (int)(total / shape[0]);
        var items = Math.Min(shape[0], limit);
        var what = $"{items} items of {itemSize} values";
        var data = ReadValues(stream, (long)items * itemSize, name, ref offset, what);
        shape[0] = items;
        return new IdxArray(shape, data);
    }

    /// <summary>
    /// Reads the <paramref name="needed"/> values without trusting the header: a seekable stream (a plain file) is
    /// checked against its length before anything is allocated; a stream of unknown length (gzip) is read in chunks
    /// into a buffer that grows (doubling from <see cref="FirstChunkBytes"/>) only as the data arrives, so a
    /// truncated file costs what it holds, not what its header claims.
    /// </summary>
    private static byte[] ReadValues(Stream stream, long needed, string name, ref long offset, string what)
    {
        if (stream.CanSeek)
        {
            var left = Math.Max(0, stream.Length - stream.Position);
            if (left < needed)
                throw new IdxFormatException(name, offset + left, $"the file ends inside {what} (the header declares {needed} bytes of values, {left} follow it)");
            var whole = new byte[needed];
            Fill(stream, whole, name, ref offset, what);
            return whole;
        }
        var data = new byte[Math.Min(needed, FirstChunkBytes)];
        var start = offset;
        while (true)
        {
            var filled = (int)(offset - start);
            Fill(stream, data.AsSpan(filled), name, ref offset, what);
            if (data.Length == needed)
                return data;
            Array.Resize(ref data, (int)Math.Min(needed, 2L * data.Length));
        }
    }

    private static void Fill(Stream stream, Span<byte> buffer, string name, ref long offset, string what)
    {
        var read = 0;
        try
        {
            while (read < buffer.Length)
            {
                var n = stream.Read(buffer[read..]);
                if (n == 0)
                    throw new IdxFormatException(name, offset + read, $"the file ends inside {what}");
                read += n;
            }
        }
        catch (InvalidDataException e)
        {
            throw new IdxFormatException(name, offset + read, $"corrupt gzip data ({e.Message})", e);
        }
        offset += read;
    }
}
