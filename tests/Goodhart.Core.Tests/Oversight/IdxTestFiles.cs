using System.IO.Compression;

namespace Goodhart.Core.Tests.Oversight;

/// <summary>Hand-made IDX files for the reader's tests.</summary>
internal static class IdxTestFiles
{
    /// <summary>The bytes of an unsigned-byte IDX file with <paramref name="shape"/> and <paramref name="data"/>.</summary>
    public static byte[] Bytes(int[] shape, byte[] data, byte type = 0x08)
    {
        using var stream = new MemoryStream();
        stream.Write([0, 0, type, (byte)shape.Length]);
        foreach (var d in shape)
            stream.Write([(byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d]);
        stream.Write(data);
        return stream.ToArray();
    }

    /// <summary>Writes <paramref name="bytes"/> gzipped to <paramref name="path"/>.</summary>
    public static void WriteGzip(string path, byte[] bytes)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(bytes);
    }

    /// <summary>A fresh temporary folder.</summary>
    public static string Folder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "goodhart-idx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
