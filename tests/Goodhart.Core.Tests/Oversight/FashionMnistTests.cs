using Goodhart.Core.Oversight;

namespace Goodhart.Core.Tests.Oversight;

public class FashionMnistTests
{
    [Fact]
    public void Missing_files_are_one_line_naming_the_file_and_the_debian_package()
    {
        var dir = IdxTestFiles.Folder();
        var e = Assert.Throws<UserInputException>(() => FashionMnist.Load(train: true, directory: dir));
        Assert.Contains(FashionMnist.DebianPackage, e.Message, StringComparison.Ordinal);
        Assert.Contains("train-images-idx3-ubyte.gz", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Loads_a_hand_made_copy_of_the_four_files()
    {
        var dir = WriteCopy(labels: [3, 9]);
        var images = FashionMnist.Load(train: false, directory: dir);
        Assert.Equal(2, images.Count);
        Assert.Equal((2, 2), (images.Width, images.Height));
        Assert.Equal([3, 9], images.Labels);
        Assert.Equal([0f, 1f, 0f, 0f], images.Image(0).Select(v => MathF.Round(v, 3)));
        Assert.Equal(1, FashionMnist.Load(train: true, limit: 1, directory: dir).Count);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void A_label_outside_the_ten_classes_is_reported_with_its_offset()
    {
        var dir = WriteCopy(labels: [3, 10]);
        var e = Assert.Throws<UserInputException>(() => FashionMnist.Load(train: false, directory: dir));
        Assert.Contains("t10k-labels-idx1-ubyte.gz: byte 9: label 10", e.Message, StringComparison.Ordinal);
        Directory.Delete(dir, true);
    }

    private static string WriteCopy(byte[] labels)
    {
        var dir = IdxTestFiles.Folder();
        foreach (var train in new[] { true, false })
        {
            var (images, labelFile) = FashionMnist.Files(dir, train);
            IdxTestFiles.WriteGzip(images, IdxTestFiles.Bytes([2, 2, 2], [0, 255, 0, 0, 9, 9, 9, 9]));
            IdxTestFiles.WriteGzip(labelFile, IdxTestFiles.Bytes([2], labels));
        }
        return dir;
    }
}
