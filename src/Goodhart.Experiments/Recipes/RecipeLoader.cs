using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Goodhart.Core;

namespace Goodhart.Experiments.Recipes;

/// <summary>
/// Reads recipe files (JSON with comments, <see cref="RecipeJson.Options"/>' conventions) by shipped name or by path.
/// Every problem is a <see cref="UserInputException"/> naming the file, line, column and field.
/// </summary>
public static class RecipeLoader
{
    private static readonly string[] Fields = ["kind", "description", "seeds", "config", "grid", "scales"];

    /// <summary>Where the shipped recipes are: <c>experiments/</c> beside the binaries.</summary>
    public static string ShippedDirectory => Path.Combine(AppContext.BaseDirectory, "experiments");

    /// <summary>The shipped recipes, by name.</summary>
    public static IReadOnlyList<Recipe> Shipped() =>
        Directory.Exists(ShippedDirectory)
            ? [.. Directory.EnumerateFiles(ShippedDirectory, "*.json").Order(StringComparer.Ordinal).Select(LoadFile)]
            : [];

    /// <summary>Loads a recipe by shipped name (<c>gridworld-demo</c>) or by the path of a <c>.json</c> file.</summary>
    public static Recipe Load(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        if (File.Exists(nameOrPath))
            return LoadFile(nameOrPath);
        var shipped = Path.Combine(ShippedDirectory, nameOrPath + ".json");
        if (!nameOrPath.Contains('/', StringComparison.Ordinal) && !nameOrPath.EndsWith(".json", StringComparison.Ordinal) && File.Exists(shipped))
            return LoadFile(shipped);
        IEnumerable<string> names = Directory.Exists(ShippedDirectory)
            ? [.. Directory.EnumerateFiles(ShippedDirectory, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)]
            : [];
        throw new UnknownNameException("recipe (a shipped name or a .json file)", nameOrPath, names);
    }

    /// <summary>Reads and checks the recipe file at <paramref name="path"/>.</summary>
    public static Recipe LoadFile(string path)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length > RecipeLimits.MaxFileBytes)
            throw new UserInputException($"{path}: recipe is {info.Length:N0} bytes; the limit is {RecipeLimits.MaxFileBytes:N0}");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot read the recipe ({e.Message})", e);
        }
        return Parse(path, bytes);
    }

    /// <summary>Parses recipe text; <paramref name="file"/> names it in errors and gives the recipe's name.</summary>
    public static Recipe Parse(string file, byte[] utf8)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false });
        }
        catch (JsonException e) when (e.LineNumber is null && JsonPositions.Index(utf8).FirstDuplicate is { } duplicate)
        {
            throw new UserInputException($"{file}:{duplicate.Line}:{duplicate.Column}: field {duplicate.Path}: duplicate key (each key appears once in its object)", e);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"{file}:{line + 1}:{(e.BytePositionInLine ?? 0) + 1}" : file;
            throw new UserInputException($"{where}: not valid JSON ({FirstSentence(e.Message)})", e);
        }
        catch (ArgumentException e)
        {
            throw new UserInputException($"{file}: not a valid recipe ({e.Message})", e);
        }
        var positions = JsonPositions.Index(utf8);
        if (root is not JsonObject top)
            throw RecipeErrors.At(file, positions, "", "a recipe is a JSON object with kind, seeds and config");
        foreach (var (key, _) in top)
        {
            if (!Fields.Contains(key, StringComparer.Ordinal))
                throw RecipeErrors.At(file, positions, key, $"unknown field; valid: {string.Join(", ", Fields)}");
        }

        var kind = RequiredString(top, "kind", file, positions);
        try
        {
            ExperimentCatalog.Get(kind);
        }
        catch (UnknownNameException e)
        {
            throw RecipeErrors.At(file, positions, "kind", e.Message, e);
        }
        var description = top["description"] is null ? "" : RequiredString(top, "description", file, positions);
        var seeds = ReadSeeds(top["seeds"], "seeds", file, positions) ?? throw RecipeErrors.At(file, positions, "", "missing field seeds (a list of non-negative integers)");
        var config = top["config"] switch
        {
            null => [],
            JsonObject o => (JsonObject)o.DeepClone(),
            _ => throw RecipeErrors.At(file, positions, "config", "must be an object (the kind's configuration)"),
        };
        var grid = ReadGrid(top["grid"], "grid", file, positions) ?? [];
        var scales = new Dictionary<string, RecipeScale>(StringComparer.Ordinal);
        if (top["scales"] is { } scalesNode)
        {
            if (scalesNode is not JsonObject scalesObject)
                throw RecipeErrors.At(file, positions, "scales", "must be an object of named scales, e.g. { \"tiny\": { \"episodes\": 50 } }");
            foreach (var (name, value) in scalesObject)
            {
                var at = $"scales.{name}";
                if (value is not JsonObject scale)
                    throw RecipeErrors.At(file, positions, at, "a scale is an object of configuration overrides (and optionally seeds and grid)");
                var overrides = new JsonObject();
                foreach (var (key, v) in scale)
                {
                    if (key is not ("seeds" or "grid"))
                        overrides[key] = v?.DeepClone();
                }
                scales[name] = new RecipeScale(name, overrides, ReadSeeds(scale["seeds"], $"{at}.seeds", file, positions), ReadGrid(scale["grid"], $"{at}.grid", file, positions));
            }
        }
        var recipeName = Path.GetFileNameWithoutExtension(file);
        return new Recipe(recipeName, file, kind, description, seeds, config, grid, scales, Hash(utf8), positions);
    }

    /// <summary>Short SHA-256 (12 hex digits) of <paramref name="bytes"/>.</summary>
    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];

    private static string RequiredString(JsonObject top, string field, string file, JsonPositions positions) =>
        top[field] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0
            ? s
            : throw RecipeErrors.At(file, positions, top.ContainsKey(field) ? field : "", top.ContainsKey(field) ? "must be a non-empty string" : $"missing field {field}");

    private static List<ulong>? ReadSeeds(JsonNode? node, string at, string file, JsonPositions positions)
    {
        if (node is null)
            return null;
        if (node is not JsonArray array || array.Count == 0)
            throw RecipeErrors.At(file, positions, at, "must be a non-empty list of non-negative integers, e.g. [1, 2, 3]");
        if (array.Count > RecipeLimits.MaxSeeds)
            throw RecipeErrors.At(file, positions, at, $"{array.Count} seeds; the limit is {RecipeLimits.MaxSeeds}");
        var seeds = new List<ulong>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue<ulong>(out var seed))
                throw RecipeErrors.At(file, positions, $"{at}[{i}]", $"a seed is a non-negative integer, got {array[i]?.ToJsonString() ?? "null"}");
            if (seeds.Contains(seed))
                throw RecipeErrors.At(file, positions, $"{at}[{i}]", $"seed {seed} appears twice");
            seeds.Add(seed);
        }
        return seeds;
    }

    private static List<GridAxis>? ReadGrid(JsonNode? node, string at, string file, JsonPositions positions)
    {
        if (node is null)
            return null;
        if (node is not JsonObject grid)
            throw RecipeErrors.At(file, positions, at, "must be an object of dotted config paths to lists of values, e.g. { \"env\": [\"boat_race\", \"tomato_watering\"] }");
        if (grid.Count > RecipeLimits.MaxGridAxes)
            throw RecipeErrors.At(file, positions, at, $"{grid.Count} axes; the limit is {RecipeLimits.MaxGridAxes}");
        var axes = new List<GridAxis>();
        foreach (var (path, values) in grid)
        {
            if (values is not JsonArray list || list.Count == 0)
                throw RecipeErrors.At(file, positions, $"{at}.{path}", "a grid axis is a non-empty list of values");
            if (list.Count > RecipeLimits.MaxGridValues)
                throw RecipeErrors.At(file, positions, $"{at}.{path}", $"{list.Count} values; the limit is {RecipeLimits.MaxGridValues}");
            var texts = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < list.Count; i++)
            {
                if (!texts.Add(list[i]?.ToJsonString() ?? "null"))
                    throw RecipeErrors.At(file, positions, $"{at}.{path}[{i}]", $"value {list[i]?.ToJsonString() ?? "null"} appears twice");
            }
            axes.Add(new GridAxis(path, [.. list.Select(v => v?.DeepClone())]));
        }
        return axes;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        // The reader may quote the rest of a broken literal, newlines included: the error stays one line, and short.
        var oneLine = string.Join(' ', text.Replace("LineNumber", "line", StringComparison.Ordinal).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= 240 ? oneLine : string.Concat(oneLine.AsSpan(0, 240), "...");
    }
}
