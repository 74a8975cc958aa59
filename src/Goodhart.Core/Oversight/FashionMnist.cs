namespace Goodhart.Core.Oversight;

/// <summary>
/// Fashion-MNIST (Xiao, Rasul and Vollgraf 2017: 60,000 training and 10,000 test images of clothing, 28 x 28, ten
/// classes) from Debian's <c>dataset-fashion-mnist</c> package, which puts the four gzipped IDX files in
/// <see cref="DebianDirectory"/>; <see cref="DirectoryVariable"/> names another folder holding the same four files.
/// Nothing is downloaded: when the files are missing, <see cref="Load"/> throws a <see cref="UserInputException"/> whose
/// one line names the missing file and the package to install.
/// </summary>
public static class FashionMnist
{
    /// <summary>Where Debian's package puts the files.</summary>
    public const string DebianDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The Debian package that ships the files.</summary>
    public const string DebianPackage = "dataset-fashion-mnist";

    /// <summary>The environment variable naming another folder with the four files.</summary>
    public const string DirectoryVariable = "GOODHART_FASHION_MNIST";

    /// <summary>The ten classes, by label.</summary>
    public static readonly IReadOnlyList<string> ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The folder the files are read from: <see cref="DirectoryVariable"/> when set, else <see cref="DebianDirectory"/>.</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } dir ? dir : DebianDirectory;

    /// <summary>The image file and the label file of a split.</summary>
    public static (string Images, string Labels) Files(string directory, bool train) =>
        (Path.Combine(directory, train ? "train-images-idx3-ubyte.gz" : "t10k-images-idx3-ubyte.gz"),
         Path.Combine(directory, train ? "train-labels-idx1-ubyte.gz" : "t10k-labels-idx1-ubyte.gz"));

    /// <summary>The first missing file of the four, or null when all are there.</summary>
    public static string? MissingFile(string? directory = null)
    {
        var dir = directory ?? Directory;
        foreach (var train in new[] { true, false })
        {
            var (images, labels) = Files(dir, train);
            if (!File.Exists(images))
                return images;
            if (!File.Exists(labels))
                return labels;
        }
        return null;
    }

    /// <summary>Throws the one-line <see cref="UserInputException"/> that says what to install when a file is missing.</summary>
    public static void RequireInstalled(string? directory = null)
    {
        if (MissingFile(directory) is { } missing)
        {
            throw new UserInputException(
                $"Fashion-MNIST is missing ({missing} not found): install Debian's {DebianPackage} package (sudo apt-get install {DebianPackage}) or set {DirectoryVariable} to a folder holding its four .gz files");
        }
    }

    /// <summary>
    /// The training (<paramref name="train"/>) or test split, at most <paramref name="limit"/> images, from
    /// <paramref name="directory"/> (default <see cref="Directory"/>). Throws <see cref="UserInputException"/> when the
    /// files are missing or malformed.
    /// </summary>
    public static LabelledImages Load(bool train, int limit = int.MaxValue, string? directory = null)
    {
        var dir = directory ?? Directory;
        RequireInstalled(dir);
        var (imagesPath, labelsPath) = Files(dir, train);
        try
        {
            var images = IdxFile.Read(imagesPath, limit);
            var labels = IdxFile.Read(labelsPath, limit);
            if (images.Shape.Count != 3)
                throw new IdxFormatException(imagesPath, 3, $"{images.Shape.Count} dimensions; images need 3 (count, rows, columns)");
            if (labels.Shape.Count != 1)
                throw new IdxFormatException(labelsPath, 3, $"{labels.Shape.Count} dimensions; labels need 1");
            if (labels.Count != images.Count)
                throw new IdxFormatException(labelsPath, 4, $"{labels.Count} labels for {images.Count} images");
            var bad = Array.FindIndex(labels.Data, l => l >= ClassNames.Count);
            if (bad >= 0)
                throw new IdxFormatException(labelsPath, 8 + bad, $"label {labels.Data[bad]} (classes are 0 to {ClassNames.Count - 1})");
            return new LabelledImages(images.Data, labels.Data, images.Shape[2], images.Shape[1], ClassNames.Count);
        }
        catch (IdxFormatException e)
        {
            throw new UserInputException(e.Message, e);
        }
    }
}
