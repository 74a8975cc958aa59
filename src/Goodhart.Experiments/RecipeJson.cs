using System.Text.Json;
using System.Text.Json.Serialization;

namespace Goodhart.Experiments;

/// <summary>
/// How recipe files and kind configurations are read: JSON with comments and trailing commas allowed, snake_case
/// field names, unknown fields an error (a typo never silently falls back to a default), numbers strictly finite.
/// </summary>
public static class RecipeJson
{
    /// <summary>The serializer options for recipes and configurations.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
    };
}
