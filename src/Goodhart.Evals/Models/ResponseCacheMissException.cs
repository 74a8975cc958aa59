namespace Goodhart.Evals.Models;

/// <summary>An offline-only cache had no entry for a request; names the sample (when known) and the key.</summary>
public sealed class ResponseCacheMissException : InvalidOperationException
{
    /// <summary>A miss of <paramref name="key"/> in <paramref name="directory"/>, made for <paramref name="context"/>.</summary>
    public ResponseCacheMissException(string key, string directory, EvalCallContext? context)
        : base($"offline cache miss{(context is null ? string.Empty : $" for {context}")}: no entry {key} in {directory} (run once with the cache in read-write mode to record it)")
    {
        Key = key;
    }

    /// <summary>The key that was missing.</summary>
    public string Key { get; }
}
