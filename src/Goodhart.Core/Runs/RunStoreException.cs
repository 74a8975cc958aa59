namespace Goodhart.Core.Runs;

/// <summary>
/// A run store file that cannot be used: not SQLite, damaged, not a Goodhart store, a schema newer than this program,
/// or missing where it must exist. The message names the file and the problem; the file is never repaired or replaced.
/// </summary>
public sealed class RunStoreException(string path, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Full path of the store file concerned.</summary>
    public string Path { get; } = path;

    /// <summary>A file that exists but cannot be used; the message says it was left untouched.</summary>
    internal static RunStoreException Unusable(string path, string problem, Exception? inner = null) =>
        new(path, $"run store '{path}' {problem}; the file was left untouched", inner);
}
