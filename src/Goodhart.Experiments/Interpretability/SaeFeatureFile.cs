using System.Text.Json;
using Goodhart.Core;
using Goodhart.Experiments.Rlhf;
using Goodhart.Experiments.Running;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// The features of one stored SAE run (<c>interp-sae-features</c>) as JSON beside the run store:
/// <c>STORE-FOLDER/sae-features/RUN-ID.json</c>, written atomically when the run is stored; what the workbench's
/// <c>/sae.html</c> browses.
/// </summary>
/// <param name="RunId">The stored run.</param>
/// <param name="Title">What the SAE is (name, point, policy, seed).</param>
/// <param name="Point">The hook point it reads.</param>
/// <param name="DictionarySize">Its number of features.</param>
/// <param name="K">Its k (TopK).</param>
/// <param name="L0">Active features per held-out token.</param>
/// <param name="ExplainedVariance">Its explained variance on the held-out tokens.</param>
/// <param name="LossRecovered">Its loss recovered when spliced in.</param>
/// <param name="Features">The named features, then the most frequent others.</param>
public sealed record SaeFeatureFile(
    string RunId,
    string Title,
    string Point,
    int DictionarySize,
    int K,
    double L0,
    double ExplainedVariance,
    double LossRecovered,
    IReadOnlyList<SaeFeatureEntry> Features)
{
    /// <summary>The folder, beside the run store's file, that holds the feature files.</summary>
    public const string FolderName = "sae-features";

    /// <summary>The largest feature file read back (16 MiB).</summary>
    public const long MaxBytes = 16L << 20;

    /// <summary>Where the features of run <paramref name="runId"/> of the store at <paramref name="storePath"/> are kept.</summary>
    public static string PathFor(string storePath, string runId)
    {
        ArgumentException.ThrowIfNullOrEmpty(storePath);
        ArgumentException.ThrowIfNullOrEmpty(runId);
        if (runId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_')))
            throw new UserInputException($"run id: '{runId}' is not a run id (letters, digits, '-' and '_')");
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(storePath)) ?? ".";
        return System.IO.Path.Combine(folder, FolderName, runId + ".json");
    }

    /// <summary>Writes this file for the store at <paramref name="storePath"/> (atomically); returns its path.</summary>
    public string Write(string storePath)
    {
        var path = PathFor(storePath, RunId);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, RlhfJson.Files));
        return path;
    }

    /// <summary>
    /// Reads the features of run <paramref name="runId"/>; null when the store has none for it. A file that is too large
    /// or not a feature file throws <see cref="UserInputException"/> naming the file.
    /// </summary>
    public static SaeFeatureFile? Read(string storePath, string runId)
    {
        var path = PathFor(storePath, runId);
        if (!File.Exists(path))
            return null;
        if (new FileInfo(path).Length > MaxBytes)
            throw new UserInputException($"{path}: larger than {MaxBytes} bytes");
        try
        {
            var file = JsonSerializer.Deserialize<SaeFeatureFile>(File.ReadAllText(path), RlhfJson.Files);
            return file is { Features: not null, RunId: not null } ? file : throw new UserInputException($"{path}: not an SAE feature file");
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{path}: line {(e.LineNumber ?? 0) + 1}: {e.Message}", e);
        }
    }
}
