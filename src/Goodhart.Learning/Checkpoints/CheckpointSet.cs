using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Goodhart.Learning.Checkpoints;

/// <summary>
/// Writes a trainer's checkpoint files (weights, optimizer state, generator state, trainer state) as one set,
/// atomically, and checks the set on resume. Writing: every file goes to <c>NAME.partial</c> and is hashed; then the
/// manifest (<see cref="CheckpointManifest"/>: the step and each file's SHA-256) is moved into place as
/// <see cref="PendingManifestFile"/>, the commit point; then each partial file is moved over its name and the pending
/// manifest becomes <see cref="ManifestFile"/>. A process killed before the commit point leaves the previous set
/// whole (stray partial files are ignored); killed after it, the next <see cref="Open"/> finishes the moves from the
/// pending manifest. <see cref="Open"/> then checks every file against its hash and refuses a set that does not
/// match ("checkpoint set in W is incomplete: ...") rather than continue from a mix of two steps.
/// </summary>
public static class CheckpointSet
{
    /// <summary>The manifest of the last complete set.</summary>
    public const string ManifestFile = "checkpoint.json";

    /// <summary>The manifest of a set being committed (present only while, or if killed while, files are moved into place).</summary>
    public const string PendingManifestFile = "checkpoint.next.json";

    /// <summary>The manifest format written and accepted.</summary>
    public const string Format = "goodhart.checkpoint_set/1";

    /// <summary>Metadata key of the step in each safetensors file of a set (for the refusal message).</summary>
    public const string StepKey = "goodhart.step";

    private const string PartialSuffix = ".partial";

    /// <summary>Test hook: called after every durable step of <see cref="Write"/> (a file written, the commit point, each move), to simulate a kill there.</summary>
    internal static Action<string>? AfterStep { get; set; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The metadata that records <paramref name="step"/> in a set's safetensors file.</summary>
    public static IReadOnlyDictionary<string, string> StepMetadata(long step) =>
        new Dictionary<string, string>(StringComparer.Ordinal) { [StepKey] = step.ToString(CultureInfo.InvariantCulture) };

    /// <summary>Whether <paramref name="directory"/> holds a set (complete or being committed) to resume from.</summary>
    public static bool Exists(string? directory) =>
        directory is not null && (File.Exists(Path.Combine(directory, ManifestFile)) || File.Exists(Path.Combine(directory, PendingManifestFile)));

    /// <summary>Writes the files of step <paramref name="step"/> through <paramref name="writers"/> (each writes the path it is given) as one set.</summary>
    public static void Write(string directory, long step, IReadOnlyList<(string File, Action<string> Write)> writers)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(writers);
        Directory.CreateDirectory(directory);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, write) in writers)
        {
            var partial = Path.Combine(directory, file + PartialSuffix);
            write(partial);
            files[file] = Hash(partial);
            AfterStep?.Invoke($"wrote {file}");
        }

        var pending = Path.Combine(directory, PendingManifestFile);
        File.WriteAllText(pending + PartialSuffix, JsonSerializer.Serialize(new CheckpointManifest(Format, step, files), Json));
        File.Move(pending + PartialSuffix, pending, overwrite: true);
        AfterStep?.Invoke("committed");
        Commit(directory, files.Keys);
    }

    /// <summary>
    /// The manifest of the set in <paramref name="directory"/>, after finishing an interrupted commit and checking every
    /// file against its hash; <see cref="CheckpointFormatException"/> when the set is missing a file, a file does not
    /// match, or there is no manifest.
    /// </summary>
    public static CheckpointManifest Open(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var pending = Path.Combine(directory, PendingManifestFile);
        if (File.Exists(pending))
        {
            Commit(directory, Read(pending).Files.Keys);
        }

        var path = Path.Combine(directory, ManifestFile);
        if (!File.Exists(path))
        {
            throw new CheckpointFormatException(
                $"checkpoint set in {directory} is incomplete: no {ManifestFile} (written by an older version, or not a checkpoint folder); delete the folder to start afresh");
        }

        var manifest = Read(path);
        foreach (var (file, hash) in manifest.Files)
        {
            var filePath = Path.Combine(directory, file);
            if (!File.Exists(filePath))
            {
                throw new CheckpointFormatException($"checkpoint set in {directory} is incomplete: {file} of step {manifest.Step} is missing");
            }

            if (Hash(filePath) != hash)
            {
                var found = StepOf(filePath) is { } step && step != manifest.Step ? $"{file} is step {step}, the manifest step {manifest.Step}" : $"{file} does not match the manifest of step {manifest.Step}";
                throw new CheckpointFormatException($"checkpoint set in {directory} is incomplete: {found}; delete the folder to start afresh");
            }
        }

        return manifest;
    }

    private static void Commit(string directory, IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            var partial = Path.Combine(directory, file + PartialSuffix);
            if (File.Exists(partial))
            {
                File.Move(partial, Path.Combine(directory, file), overwrite: true);
                AfterStep?.Invoke($"moved {file}");
            }
        }

        File.Move(Path.Combine(directory, PendingManifestFile), Path.Combine(directory, ManifestFile), overwrite: true);
    }

    private static CheckpointManifest Read(string path)
    {
        CheckpointManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<CheckpointManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new CheckpointFormatException(path, "manifest", $"not valid JSON ({e.Message})", e);
        }

        if (manifest is null || manifest.Format != Format || manifest.Files is null || manifest.Step < 0)
        {
            throw new CheckpointFormatException(path, "manifest", $"not a '{Format}' manifest with a step and files");
        }

        foreach (var file in manifest.Files.Keys)
        {
            if (file.Length == 0 || file != Path.GetFileName(file))
            {
                throw new CheckpointFormatException(path, "manifest", $"file name '{file}' is not a plain file name");
            }
        }

        return manifest;
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The step recorded in a file of a set, when it can be read: safetensors metadata or the trainer state's <c>global_step</c>.</summary>
    private static long? StepOf(string path)
    {
        try
        {
            if (path.EndsWith(".safetensors", StringComparison.Ordinal))
            {
                return SafeTensors.LoadMetadata(path).TryGetValue(StepKey, out var text) && long.TryParse(text, CultureInfo.InvariantCulture, out var step) ? step : null;
            }

            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.TryGetProperty("global_step", out var value) && value.TryGetInt64(out var global) ? global : null;
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
