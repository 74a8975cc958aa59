using Goodhart.Core.Oversight;

namespace Goodhart.Core.Tests.Oversight;

/// <summary>
/// A header that declares far more values than the file holds (2^28, the limit, on a file of a few bytes) is refused
/// as truncated, naming the file and the offset where it ends, without allocating the declared 256 MB first: plain
/// files are checked against their length, gzipped ones read in growing chunks.
/// </summary>
public sealed class IdxTruncationTests
{
    /// <summary>What reading a tiny file may allocate: the gzip path's first chunk (1 MiB) and small buffers, far below 256 MB.</summary>
    private const long AllocationBudget = 4L << 20;

    private static readonly byte[] Huge = IdxTestFiles.Bytes([1 << 14, 1 << 14], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    [Theory]
    [InlineData("huge.idx")]
    [InlineData("huge.idx.gz")]
    public void A_header_claiming_2_to_the_28_values_on_a_tiny_file_is_truncated_without_allocating_them(string file)
    {
        var dir = IdxTestFiles.Folder();
        try
        {
            var path = Path.Combine(dir, file);
            if (file.EndsWith(".gz", StringComparison.Ordinal))
                IdxTestFiles.WriteGzip(path, Huge);
            else
                File.WriteAllBytes(path, Huge);

            var before = GC.GetAllocatedBytesForCurrentThread();
            var e = Assert.Throws<IdxFormatException>(() => IdxFile.Read(path));
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(allocated < AllocationBudget, $"reading a {Huge.Length}-byte file allocated {allocated} bytes");
            Assert.Equal(12 + 10, e.Offset);
            Assert.StartsWith($"{path}: byte 22: the file ends inside 16384 items of 16384 values", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_stream_of_unknown_length_is_refused_the_same_way_without_allocating_the_declared_size()
    {
        using var stream = new ForwardOnlyStream(Huge);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<IdxFormatException>(() => IdxFile.Read(stream, "piped.idx"));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < AllocationBudget);
        Assert.Equal(22, e.Offset);
    }

    [Fact]
    public void A_stream_of_unknown_length_larger_than_the_first_chunk_reads_whole()
    {
        var values = new byte[3 * IdxFile.FirstChunkBytes + 5];
        for (var i = 0; i < values.Length; i++)
            values[i] = (byte)(i * 31);
        using var stream = new ForwardOnlyStream(IdxTestFiles.Bytes([values.Length], values));
        var array = IdxFile.Read(stream, "piped.idx");
        Assert.Equal([values.Length], array.Shape);
        Assert.Equal(values, array.Data);
    }
}
