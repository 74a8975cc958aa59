namespace Goodhart.Core.Oversight;

/// <summary>A classification data set as flat arrays: <see cref="Count"/> rows of <see cref="Features"/> values each, and their labels.</summary>
/// <param name="Values">Row-major features, Count x Features.</param>
/// <param name="Labels">One class per row, 0 to <paramref name="Classes"/> - 1.</param>
/// <param name="Features">Values per row.</param>
/// <param name="Classes">The number of classes.</param>
public sealed record ClassificationData(float[] Values, int[] Labels, int Features, int Classes)
{
    /// <summary>The number of rows.</summary>
    public int Count => Labels.Length;

    /// <summary>Rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1 (fewer at the end).</summary>
    public ClassificationData Slice(int start, int count)
    {
        var end = Math.Min(Count, start + count);
        return this with { Values = Values[(start * Features)..(end * Features)], Labels = Labels[start..end] };
    }

    /// <summary>Images as features in [0, 1], one row per image.</summary>
    public static ClassificationData FromImages(LabelledImages images)
    {
        var values = new float[images.Pixels.Length];
        for (var i = 0; i < values.Length; i++)
            values[i] = images.Pixels[i] / 255f;
        return new ClassificationData(values, [.. images.Labels.Select(l => (int)l)], images.PixelCount, images.Classes);
    }
}
