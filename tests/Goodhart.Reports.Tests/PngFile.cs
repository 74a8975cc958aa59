using SkiaSharp;

namespace Goodhart.Core.Tests.Reports;

/// <summary>Checks that bytes are a real PNG image of a given size.</summary>
internal static class PngFile
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static void AssertValid(byte[] bytes, int width, int height)
    {
        Assert.True(bytes.Length > 1000, $"PNG too small: {bytes.Length} bytes");
        Assert.Equal(Signature, bytes[..8]);
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.NotNull(bitmap);
        Assert.Equal(width, bitmap.Width);
        Assert.Equal(height, bitmap.Height);
        Assert.True(DistinctColours(bitmap) > 10, "PNG decodes to a (nearly) blank image");
    }

    private static int DistinctColours(SKBitmap bitmap)
    {
        var colours = new HashSet<uint>();
        for (var y = 0; y < bitmap.Height; y += 3)
        {
            for (var x = 0; x < bitmap.Width; x += 3)
                colours.Add((uint)bitmap.GetPixel(x, y));
        }
        return colours.Count;
    }
}
