using System.Text.Json;
using System.Text.Json.Nodes;

namespace Goodhart.Experiments.Tests.Rlhf;

/// <summary>
/// The shipped RLHF recipes (experiments/rlhf-*.json) read the way the recipe runner reads them: the kind, the
/// config, and the <c>tiny</c> scale's overrides (dotted paths) merged into it; the first point of the tiny grid.
/// </summary>
internal static class ShippedRlhfRecipes
{
    public static string Folder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Goodhart.slnx")))
                    return Path.Combine(dir.FullName, "experiments");
            }
            return Path.Combine(AppContext.BaseDirectory, "experiments");
        }
    }

    public static IReadOnlyList<string> Files => [.. Directory.GetFiles(Folder, "rlhf-*.json").Order(StringComparer.Ordinal)];

    public static JsonObject Read(string file) =>
        JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();

    /// <summary>The recipe's config, with the scale's overrides and the first value of each grid axis set (tiny: the tiny scale's grid if it has one).</summary>
    public static JsonObject Config(JsonObject recipe, string? scale)
    {
        var config = recipe["config"]!.DeepClone().AsObject();
        var grid = recipe["grid"] as JsonObject;
        if (scale is not null && recipe["scales"]?[scale] is JsonObject overrides)
        {
            foreach (var (path, value) in overrides)
            {
                if (path == "grid")
                    grid = value as JsonObject;
                else if (path != "seeds")
                    Set(config, path, value!.DeepClone());
            }
        }
        foreach (var (path, values) in grid ?? [])
            Set(config, path, values!.AsArray()[0]!.DeepClone());
        return config;
    }

    private static void Set(JsonObject config, string path, JsonNode value)
    {
        var parts = path.Split('.');
        var target = config;
        foreach (var part in parts[..^1])
            target = (target[part] ??= new JsonObject()).AsObject();
        target[parts[^1]] = value;
    }
}
