namespace Goodhart.Core.Oversight;

/// <summary>An IDX file (gzipped or not) that cannot be read: the message names the file, the byte offset (in the uncompressed stream) and what was wrong.</summary>
public sealed class IdxFormatException(string path, long offset, string problem, Exception? inner = null)
    : Exception($"{path}: byte {offset}: {problem}", inner)
{
    /// <summary>The file.</summary>
    public string Path { get; } = path;

    /// <summary>The byte offset in the uncompressed stream where the problem is.</summary>
    public long Offset { get; } = offset;
}
