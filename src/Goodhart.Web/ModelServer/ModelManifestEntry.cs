using System.Text.Json.Serialization;

namespace Goodhart.Web.ModelServer;

/// <summary>
/// One served model in <c>models.json</c>: its id (what clients pass as <c>model</c>), the policy checkpoint (a
/// <c>.safetensors</c> file, or a checkpoint folder holding <c>model.safetensors</c>; relative to the manifest's folder)
/// and an optional description.
/// </summary>
public sealed record ModelManifestEntry
{
    /// <summary>The model id clients ask for, e.g. <c>goodhart-sft</c>.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The checkpoint: a safetensors file or a folder holding <c>model.safetensors</c>, relative to the manifest.</summary>
    [JsonPropertyName("path")]
    public required string Path { get; init; }

    /// <summary>What the policy is (how it was trained); shown in the startup table.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }
}
