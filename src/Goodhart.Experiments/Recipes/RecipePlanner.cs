using System.Text.Json;
using System.Text.Json.Nodes;
using Goodhart.Core;

namespace Goodhart.Experiments.Recipes;

/// <summary>
/// Expands a recipe into cells: the configuration with the scale's overrides and the user's <c>--set path=value</c>
/// overrides merged in, read into the kind's typed configuration (defaults filled in), then one copy per grid point
/// (each grid path set to its value) and seed, each read again and checked by the kind. Every problem names the file,
/// line and field it comes from.
/// </summary>
public static class RecipePlanner
{
    private static readonly JsonSerializerOptions Compact = new(RecipeJson.Options) { WriteIndented = false };

    /// <summary>Plans <paramref name="recipe"/> at <paramref name="scale"/> (null: as written) with <paramref name="overrides"/> (<c>path=value</c>; the value is JSON, or else a string).</summary>
    public static RecipePlan Plan(Recipe recipe, string? scale = null, IReadOnlyList<string>? overrides = null)
    {
        overrides ??= [];
        var kind = ExperimentCatalog.Get(recipe.Kind);
        var config = (JsonObject)recipe.Config.DeepClone();
        var seeds = recipe.Seeds;
        var grid = recipe.Grid;
        var gridAt = "grid";
        var origin = new Dictionary<string, string>(StringComparer.Ordinal);
        if (scale is not null)
        {
            if (!recipe.Scales.TryGetValue(scale, out var s))
                throw new UnknownNameException($"scale of recipe {recipe.Name}", scale, recipe.Scales.Keys.Order(StringComparer.Ordinal));
            ConfigPaths.Merge(config, s.Config);
            foreach (var (key, _) in s.Config)
                origin[key] = $"scales.{scale}.{key}";
            seeds = s.Seeds ?? seeds;
            if (s.Grid is not null)
            {
                grid = s.Grid;
                gridAt = $"scales.{scale}.grid";
            }
        }
        if (overrides.Count > RecipeLimits.MaxOverrides)
            throw new UserInputException($"{overrides.Count} --set overrides; the limit is {RecipeLimits.MaxOverrides}");
        foreach (var o in overrides)
        {
            var eq = o.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new UserInputException($"--set '{o}': expected path=value, e.g. --set episodes=500");
            var path = o[..eq].Trim();
            if (grid.Any(a => a.Path == path))
                throw new UserInputException($"--set '{o}': {path} is an axis of the recipe's grid; use another recipe or edit the grid");
            ConfigPaths.Set(config, path, ParseValue(o[(eq + 1)..]));
            origin[path] = $"--set {path}={o[(eq + 1)..]}";
        }

        var typed = Read(recipe, kind, config, origin, null);
        JsonObject full;
        try
        {
            full = (JsonObject)JsonSerializer.SerializeToNode(typed, kind.ConfigType, RecipeJson.Options)!;
        }
        catch (Exception e) when (RefusesValue(e))
        {
            // Serialising reads derived properties (a network built from a torso name, ...), which may refuse a value:
            // the kind's check reports it at the field's line when it names the field, else it is reported at config.
            Check(recipe, kind, typed, config, origin, null);
            throw recipe.Error("config", e.Message);
        }
        foreach (var axis in grid)
        {
            if (!ConfigPaths.Exists(full, axis.Path) && !ConfigPaths.InContract(kind.ConfigType, axis.Path, RecipeJson.Options))
                throw recipe.Error($"{gridAt}.{axis.Path}", $"{axis.Path} is not a field of {kind.Name}'s configuration (fields: {string.Join(", ", full.Select(kv => kv.Key))})");
        }
        var points = 1L;
        foreach (var axis in grid)
            points *= axis.Values.Count;
        if (points * seeds.Count > RecipeLimits.MaxCells)
            throw recipe.Error(gridAt, $"{points} grid points x {seeds.Count} seeds = {points * seeds.Count} cells; the limit is {RecipeLimits.MaxCells}");

        var cells = new List<PlannedCell>();
        foreach (var point in Points(grid))
        {
            var cellConfig = (JsonObject)full.DeepClone();
            var gridOrigin = new Dictionary<string, string>(origin, StringComparer.Ordinal);
            foreach (var (axis, index) in point)
            {
                ConfigPaths.Set(cellConfig, axis.Path, axis.Values[index]);
                gridOrigin[axis.Path] = $"{gridAt}.{axis.Path}[{index}]";
            }
            var label = point.Count == 0 ? null : string.Join(", ", point.Select(p => $"{p.Axis.Path}={ConfigPaths.Display(p.Axis.Values[p.Index])}"));
            var cellTyped = point.Count == 0 ? typed : Read(recipe, kind, cellConfig, gridOrigin, label);
            Check(recipe, kind, cellTyped, cellConfig, gridOrigin, label);
            var canonical = Canonical(recipe, kind, cellTyped, label);
            var gridPoint = point.ToDictionary(p => p.Axis.Path, p => ConfigPaths.Display(p.Axis.Values[p.Index]), StringComparer.Ordinal);
            foreach (var seed in seeds)
                cells.Add(new PlannedCell(CellId(kind.Name, canonical, seed), gridPoint, seed, canonical, cellTyped));
        }
        return new RecipePlan(recipe, kind, scale, seeds, [.. overrides], cells);
    }

    /// <summary>The stable id of a cell: 12 hex digits of SHA-256 over the kind, the canonical configuration and the seed.</summary>
    public static string CellId(string kind, string canonicalConfig, ulong seed) =>
        RecipeLoader.Hash(System.Text.Encoding.UTF8.GetBytes($"{kind}\n{canonicalConfig}\n{seed}"));

    /// <summary>Reads a <c>--set</c> value: JSON if it parses (numbers, true/false, lists, quoted strings), else the text as a string.</summary>
    public static JsonNode? ParseValue(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    private static List<List<(GridAxis Axis, int Index)>> Points(IReadOnlyList<GridAxis> grid)
    {
        var points = new List<List<(GridAxis, int)>> { new() };
        foreach (var axis in grid)
            points = [.. points.SelectMany(p => Enumerable.Range(0, axis.Values.Count).Select(i => new List<(GridAxis, int)>(p) { (axis, i) }))];
        return points;
    }

    private static object Read(Recipe recipe, IExperimentKind kind, JsonObject config, Dictionary<string, string> origin, string? label)
    {
        if (RecipeFieldErrors.FirstNonFinite(config, "") is { } infinite)
        {
            var where = label is null ? "" : $" (grid point {label})";
            throw RecipeFieldErrors.At(recipe, origin, infinite.Path, $"wrong type or value{where}: expected a finite number, got {infinite.Text}");
        }
        try
        {
            return JsonSerializer.Deserialize(config, kind.ConfigType, RecipeJson.Options)
                ?? throw recipe.Error("config", "must be an object");
        }
        catch (JsonException e)
        {
            var path = FieldOf(e);
            var where = label is null ? "" : $" (grid point {label})";
            var problem = e.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"unknown field of {kind.Name}'s configuration{where}"
                : $"wrong type or value{where}: {RecipeFieldErrors.Describe(e, config, path)}";
            throw RecipeFieldErrors.At(recipe, origin, path, problem, e);
        }
    }

    /// <summary>
    /// The canonical JSON of a checked configuration. Serialising reads its derived properties, which may refuse a value
    /// the kind's check let through: that is reported at the recipe's config, never as a bare message.
    /// </summary>
    private static string Canonical(Recipe recipe, IExperimentKind kind, object config, string? label)
    {
        try
        {
            return ConfigPaths.Canonical(JsonSerializer.SerializeToNode(config, kind.ConfigType, Compact))!.ToJsonString(Compact);
        }
        catch (Exception e) when (RefusesValue(e))
        {
            throw recipe.Error("config", (label is null ? "" : $"grid point {label}: ") + e.Message);
        }
    }

    /// <summary>The exceptions a configuration's own code (a kind's check, a derived property) uses to refuse a value the recipe gave.</summary>
    private static bool RefusesValue(Exception e) => e is UserInputException or FormatException or ArgumentException or OverflowException;

    private static void Check(Recipe recipe, IExperimentKind kind, object config, JsonObject written, Dictionary<string, string> origin, string? label)
    {
        try
        {
            kind.Validate(config);
        }
        catch (Exception e) when (e is UnknownNameException || RefusesValue(e))
        {
            // A kind's check of its configuration refuses values; whatever exception it uses, the value came from the recipe.
            var where = label is null ? "" : $"grid point {label}: ";
            JsonObject full;
            try
            {
                full = (JsonObject)JsonSerializer.SerializeToNode(config, kind.ConfigType, RecipeJson.Options)!;
            }
            catch (Exception again) when (RefusesValue(again))
            {
                // A derived property refuses the same value while serialising: look the field up in what was written.
                full = written;
            }
            var field = RecipeFieldErrors.LeadingField(e.Message, full);
            // A check that names its field is reported where that field was written (file line, scale, grid or --set;
            // a field left at its default at the recipe's config); any other at the recipe's config.
            throw field is not null
                ? RecipeFieldErrors.At(recipe, origin, field, where + e.Message, e)
                : recipe.Error("config", where + e.Message);
        }
    }

    /// <summary>The configuration path an exception points at (<c>$.agent_options.learning_rate</c> to <c>agent_options.learning_rate</c>; an unmapped field's own name).</summary>
    private static string FieldOf(JsonException e)
    {
        var path = (e.Path ?? "$").TrimStart('$').TrimStart('.');
        const string marker = "The JSON property '";
        var start = e.Message.IndexOf(marker, StringComparison.Ordinal);
        if (start >= 0)
        {
            var end = e.Message.IndexOf('\'', start + marker.Length);
            var name = e.Message[(start + marker.Length)..end];
            path = path.Length == 0 || path.EndsWith(name, StringComparison.Ordinal) ? (path.Length == 0 ? name : path) : $"{path}.{name}";
        }
        return path;
    }
}
