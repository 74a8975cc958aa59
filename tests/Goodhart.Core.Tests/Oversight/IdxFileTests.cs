using Goodhart.Core.Oversight;

namespace Goodhart.Core.Tests.Oversight;

public class IdxFileTests
{
    [Fact]
    public void Reads_a_hand_made_gzipped_file_with_its_shape_and_values()
    {
        var dir = IdxTestFiles.Folder();
        var path = Path.Combine(dir, "images.gz");
        IdxTestFiles.WriteGzip(path, IdxTestFiles.Bytes([2, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 255]));

        var array = IdxFile.Read(path);

        Assert.Equal([2, 2, 3], array.Shape);
        Assert.Equal(2, array.Count);
        Assert.Equal(6, array.ItemSize);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 255], array.Data);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void A_limit_keeps_only_the_first_items()
    {
        using var stream = new MemoryStream(IdxTestFiles.Bytes([3], [7, 8, 9]));
        var array = IdxFile.Read(stream, "labels", limit: 2);
        Assert.Equal([2], array.Shape);
        Assert.Equal([7, 8], array.Data);
    }

    [Fact]
    public void Multi_byte_dimensions_are_big_endian()
    {
        var data = new byte[300];
        data[299] = 42;
        using var stream = new MemoryStream(IdxTestFiles.Bytes([300], data));
        var array = IdxFile.Read(stream, "labels");
        Assert.Equal(300, array.Count);
        Assert.Equal(42, array.Data[299]);
    }

    [Theory]
    [InlineData(new byte[] { 1, 0, 8, 1, 0, 0, 0, 1, 5 }, 0, "not an IDX file")]
    [InlineData(new byte[] { 0, 0, 0x0D, 1, 0, 0, 0, 1, 5 }, 2, "value type 0x0d")]
    [InlineData(new byte[] { 0, 0, 8, 5 }, 3, "5 dimensions")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 0 }, 4, "dimension 1 is 0")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0 }, 6, "ends inside dimension 1")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 3, 5, 6 }, 10, "ends inside 3 items")]
    [InlineData(new byte[] { 0, 0, 8, 2, 0x00, 0x01, 0x00, 0x00, 0x7F, 0xFF, 0xFF, 0xFF }, 8, "more than 268435456 values")]
    public void Malformed_files_are_reported_with_the_byte_offset(byte[] bytes, long offset, string problem)
    {
        using var stream = new MemoryStream(bytes);
        var e = Assert.Throws<IdxFormatException>(() => IdxFile.Read(stream, "bad.idx"));
        Assert.Equal(offset, e.Offset);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"bad.idx: byte {offset}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_gzip_is_an_idx_format_error_not_a_crash()
    {
        var dir = IdxTestFiles.Folder();
        var path = Path.Combine(dir, "broken.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
        var e = Assert.Throws<IdxFormatException>(() => IdxFile.Read(path));
        Assert.Contains("broken.gz", e.Message, StringComparison.Ordinal);
        Directory.Delete(dir, true);
    }
}
