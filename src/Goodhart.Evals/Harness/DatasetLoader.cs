namespace Goodhart.Evals.Harness;

/// <summary>
/// Loads a dataset file into samples by extension: <c>.jsonl</c> (<see cref="JsonlDataset"/>) or <c>.csv</c>
/// (<see cref="CsvDataset"/>); the format is in docs/evals.md. Ids must be unique; files over
/// <see cref="MaxFileBytes"/> are refused.
/// </summary>
public static class DatasetLoader
{
    /// <summary>The largest dataset file read, in bytes (256 MiB).</summary>
    public const long MaxFileBytes = 256L << 20;

    /// <summary>The samples of <paramref name="path"/>.</summary>
    public static IReadOnlyList<EvalSample> Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"dataset file not found: {path}", path);
        var length = new FileInfo(path).Length;
        if (length > MaxFileBytes)
            throw new DatasetFormatException(path, 1, null, $"file of {length} bytes is over the limit of {MaxFileBytes} bytes");
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".jsonl" or ".ndjson" => JsonlDataset.Read(path),
            ".csv" => CsvDataset.Read(path),
            _ => throw new FormatException($"{path}: unknown dataset format '{extension}' (expected .jsonl or .csv)"),
        };
    }

    /// <summary>Throws when an id repeats.</summary>
    internal static void AddUnique(Dictionary<string, int> seen, string id, string file, int line)
    {
        if (!seen.TryAdd(id, line))
            throw new DatasetFormatException(file, line, "id", $"duplicate id '{id}' (first on line {seen[id]})");
    }
}
