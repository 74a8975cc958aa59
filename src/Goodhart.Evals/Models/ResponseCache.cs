using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Models;

/// <summary>
/// A folder of recorded model responses, one JSON file per key (<c>DIR/ab/abcdef....json</c>: key, model, epoch,
/// recorded time and the <see cref="ChatResponse"/> as Microsoft.Extensions.AI serialises it). Files are written
/// atomically (temp file, then rename), so concurrent runs never read half an entry. Thread-safe.
/// </summary>
public sealed class ResponseCache
{
    private int _hits;
    private int _misses;
    private int _writes;

    /// <summary>A cache in <paramref name="directory"/> used in <paramref name="mode"/>.</summary>
    public ResponseCache(string directory, ResponseCacheMode mode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        Mode = mode;
    }

    /// <summary>The folder.</summary>
    public string Directory { get; }

    /// <summary>How it is used.</summary>
    public ResponseCacheMode Mode { get; }

    /// <summary>Replayed responses so far.</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <summary>Lookups that found nothing so far.</summary>
    public int Misses => Volatile.Read(ref _misses);

    /// <summary>Responses recorded so far.</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <summary>The file of <paramref name="key"/>.</summary>
    public string PathOf(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return Path.Combine(Directory, key[..2], key + ".json");
    }

    /// <summary>The recorded response of <paramref name="key"/>, or null (counted as a hit or a miss).</summary>
    public async Task<ChatResponse?> TryReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            Interlocked.Increment(ref _misses);
            return null;
        }
        var json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        var entry = JsonNode.Parse(json) ?? throw new InvalidDataException($"{path}: empty cache entry");
        var response = entry["response"].Deserialize<ChatResponse>(AIJsonUtilities.DefaultOptions)
            ?? throw new InvalidDataException($"{path}: cache entry without a response");
        Interlocked.Increment(ref _hits);
        return response;
    }

    /// <summary>Records <paramref name="response"/> under <paramref name="key"/>.</summary>
    public async Task WriteAsync(string key, string modelId, int epoch, ChatResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var entry = new JsonObject
        {
            ["key"] = key,
            ["model"] = modelId,
            ["epoch"] = epoch,
            ["recorded_utc"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["response"] = JsonSerializer.SerializeToNode(response, AIJsonUtilities.DefaultOptions),
        };
        var path = PathOf(key);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temp, entry.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
        Interlocked.Increment(ref _writes);
    }
}
