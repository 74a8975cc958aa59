using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Goodhart.Web.ModelServer;

/// <summary>
/// The optional <c>models.json</c> of a models folder: the list of served models, id to checkpoint path. Without it
/// the folder is scanned (see <see cref="ModelFolder"/>).
/// </summary>
public sealed record ModelManifest
{
    /// <summary>The manifest's file name inside a models folder.</summary>
    public const string FileName = "models.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The served models, in the order they are listed.</summary>
    [JsonPropertyName("models")]
    public IReadOnlyList<ModelManifestEntry> Models { get; init; } = [];

    /// <summary>Reads a manifest; throws <see cref="InvalidDataException"/> naming the file when it is malformed.</summary>
    public static ModelManifest Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            var manifest = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path}: empty manifest.");
            if (manifest.Models is null)
            {
                throw new InvalidDataException($"{path}: no \"models\" list.");
            }

            return manifest;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: malformed manifest: {e.Message}", e);
        }
    }

    /// <summary>Writes the manifest (indented JSON).</summary>
    public void Write(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");
    }
}
