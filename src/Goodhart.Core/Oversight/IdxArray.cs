namespace Goodhart.Core.Oversight;

/// <summary>The contents of an unsigned-byte IDX file: its dimensions (outermost first) and its values in row-major order.</summary>
/// <param name="Shape">The dimensions, e.g. [60000, 28, 28] for the Fashion-MNIST training images or [60000] for its labels.</param>
/// <param name="Data">The values, row-major, <c>Shape</c>'s product of them.</param>
public sealed record IdxArray(IReadOnlyList<int> Shape, byte[] Data)
{
    /// <summary>The number of items along the outermost dimension (images, labels).</summary>
    public int Count => Shape[0];

    /// <summary>The number of values per item (28 x 28 = 784 for an image, 1 for a label).</summary>
    public int ItemSize => Shape.Skip(1).Aggregate(1, (a, b) => a * b);
}
