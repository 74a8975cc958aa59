using System.Text.RegularExpressions;
using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Training;

namespace Goodhart.Web.ModelServer;

/// <summary>
/// Finds the policy checkpoints of a models folder. With a <c>models.json</c> (<see cref="ModelManifest"/>) the
/// manifest's list is served as written. Without one the folder is scanned, ids sorted: every <c>ID.safetensors</c>
/// directly inside, every <c>ID/model.safetensors</c> (a <see cref="SupervisedTrainer"/> checkpoint folder) and every
/// <c>ID/policy/model.safetensors</c> (an RLHF work folder, as <c>goodhart rlhf sft</c> writes it). Files that hold anything other than
/// a causal language model (reward models, value heads) are skipped when scanning and refused in a manifest. A
/// checkpoint whose header cannot be read (truncated, a bad header, an impossible header length, a tensor entry that
/// does not fit the file) is refused either way, naming the file and the problem: it is never skipped as "not a
/// policy", which would have <c>goodhart serve</c> train the default models into the folder, over the damaged file.
/// </summary>
public static partial class ModelFolder
{
    /// <summary>The folder <c>goodhart serve</c> uses when given none: <c>goodhart-models</c> in the working directory.</summary>
    public const string DefaultPath = "goodhart-models";

    /// <summary>The served models of <paramref name="folder"/> (id and checkpoint file); empty when the folder is missing or holds none.</summary>
    public static IReadOnlyList<ModelManifestEntry> Find(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var manifestPath = Path.Combine(folder, ModelManifest.FileName);
        return File.Exists(manifestPath) ? FromManifest(folder, manifestPath) : Scan(folder);
    }

    /// <summary>True when <paramref name="id"/> is a usable model id: letters, digits and <c>. _ - :</c>, at most 64 characters.</summary>
    public static bool IsValidId(string id) => id is { Length: > 0 and <= 64 } && IdPattern().IsMatch(id);

    /// <summary>True when the safetensors file at <paramref name="path"/> holds a causal language model (a policy).</summary>
    public static bool IsPolicy(string path)
    {
        try
        {
            return SafeTensors.LoadMetadata(path).TryGetValue(ModelCheckpoint.KindKey, out var kind) && kind == ModelCheckpoint.LanguageModelKind;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether the safetensors file at <paramref name="path"/> holds a causal language model; a file whose header
    /// cannot be read is an <see cref="InvalidDataException"/> naming the file and the problem (not "no").
    /// </summary>
    private static bool HoldsPolicy(string path)
    {
        try
        {
            return SafeTensors.LoadMetadata(path).TryGetValue(ModelCheckpoint.KindKey, out var kind) && kind == ModelCheckpoint.LanguageModelKind;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            var reason = e.Message.Contains(path, StringComparison.Ordinal) ? e.Message : $"{path}: {e.Message}";
            throw new InvalidDataException($"{reason} (a damaged checkpoint in the models folder: repair, move or delete it)", e);
        }
    }

    private static ModelManifestEntry[] FromManifest(string folder, string manifestPath)
    {
        var manifest = ModelManifest.Read(manifestPath);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<ModelManifestEntry>();
        foreach (var entry in manifest.Models)
        {
            if (!IsValidId(entry.Id))
            {
                throw new InvalidDataException($"{manifestPath}: model id '{entry.Id}' must be 1-64 letters, digits, '.', '_', '-' or ':'.");
            }

            if (!seen.Add(entry.Id))
            {
                throw new InvalidDataException($"{manifestPath}: model id '{entry.Id}' is listed twice.");
            }

            var path = Path.GetFullPath(Path.Combine(folder, entry.Path));
            if (Directory.Exists(path))
            {
                path = Path.Combine(path, SupervisedTrainer.ModelFile);
            }

            if (!File.Exists(path))
            {
                throw new InvalidDataException($"{manifestPath}: model '{entry.Id}': no checkpoint at {path}.");
            }

            if (!HoldsPolicy(path))
            {
                throw new InvalidDataException($"{manifestPath}: model '{entry.Id}': {path} does not hold a policy (causal language model).");
            }

            entries.Add(entry with { Path = path });
        }

        return [.. entries];
    }

    private static ModelManifestEntry[] Scan(string folder)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.safetensors"))
        {
            Add(found, Path.GetFileNameWithoutExtension(file), file);
        }

        foreach (var directory in Directory.EnumerateDirectories(folder))
        {
            var id = Path.GetFileName(directory);
            var direct = Path.Combine(directory, SupervisedTrainer.ModelFile);
            var pipeline = Path.Combine(directory, "policy", SupervisedTrainer.ModelFile);
            Add(found, id, File.Exists(direct) ? direct : pipeline);
        }

        return found.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new ModelManifestEntry { Id = kv.Key, Path = Path.GetFullPath(kv.Value) })
            .ToArray();
    }

    private static void Add(Dictionary<string, string> found, string id, string path)
    {
        if (IsValidId(id) && !found.ContainsKey(id) && File.Exists(path) && HoldsPolicy(path))
        {
            found[id] = path;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
