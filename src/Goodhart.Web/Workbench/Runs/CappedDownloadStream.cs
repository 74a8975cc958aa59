using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Goodhart.Web.Workbench.Runs;

/// <summary>
/// A write-only memory buffer for a download that refuses to grow past <see cref="Limit"/> bytes: the write that
/// would cross it throws a <see cref="WorkbenchInputException"/> (413, naming <paramref name="field"/> and the limit)
/// before anything is sent, so an oversized download is an error in the API's own shape, never a truncated file.
/// </summary>
internal sealed class CappedDownloadStream(long limit, string field) : Stream
{
    private readonly MemoryStream _buffer = new();

    /// <summary>Most bytes the download may hold.</summary>
    public long Limit { get; } = limit;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _buffer.Length;

    public override long Position
    {
        get => _buffer.Position;
        set => throw new NotSupportedException();
    }

    /// <summary>What was written, all of it within the limit.</summary>
    public byte[] ToArray() => _buffer.ToArray();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_buffer.Length + buffer.Length > Limit)
        {
            throw new WorkbenchInputException(field, string.Create(CultureInfo.InvariantCulture,
                $"the download would be larger than the workbench's limit of {Limit:N0} bytes ({Limit / (1024.0 * 1024):0.#} MiB); select fewer runs, or export them with `goodhart runs export`, which writes a file of any size"),
                StatusCodes.Status413PayloadTooLarge);
        }
        _buffer.Write(buffer);
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _buffer.Dispose();
        base.Dispose(disposing);
    }
}
