namespace Goodhart.Core.Oversight;

/// <summary>Grey-scale images with their class labels, as the IDX files hold them.</summary>
/// <param name="Pixels">Count x Width x Height bytes (0 = background, 255 = full ink), image after image, row-major.</param>
/// <param name="Labels">One class per image, 0 to <paramref name="Classes"/> - 1.</param>
/// <param name="Width">Pixels per row.</param>
/// <param name="Height">Rows per image.</param>
/// <param name="Classes">The number of classes.</param>
public sealed record LabelledImages(byte[] Pixels, byte[] Labels, int Width, int Height, int Classes)
{
    /// <summary>The number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Pixels per image.</summary>
    public int PixelCount => Width * Height;

    /// <summary>Image <paramref name="index"/> as values in [0, 1].</summary>
    public float[] Image(int index)
    {
        var image = new float[PixelCount];
        var start = index * PixelCount;
        for (var p = 0; p < image.Length; p++)
            image[p] = Pixels[start + p] / 255f;
        return image;
    }

    /// <summary>The first <paramref name="count"/> images (all when there are fewer).</summary>
    public LabelledImages Take(int count)
    {
        var n = Math.Min(count, Count);
        return this with { Pixels = Pixels[..(n * PixelCount)], Labels = Labels[..n] };
    }

    /// <summary>Images <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1 (fewer at the end).</summary>
    public LabelledImages Slice(int start, int count)
    {
        var end = Math.Min(Count, start + count);
        return this with { Pixels = Pixels[(start * PixelCount)..(end * PixelCount)], Labels = Labels[start..end] };
    }
}
