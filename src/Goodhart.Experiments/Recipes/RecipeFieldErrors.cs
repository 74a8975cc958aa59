using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Goodhart.Core;

namespace Goodhart.Experiments.Recipes;

/// <summary>
/// Names where a bad configuration value came from, in one line: the recipe file with the line, column and field
/// (<c>r.json:5:17: field scales.tiny.episodes: ...</c>) for values written in the file, or the recipe file with the
/// option and its text (<c>r.json: --set episodes=NaN: field episodes: ...</c>) for <c>--set</c> overrides.
/// </summary>
internal static partial class RecipeFieldErrors
{
    /// <summary>The error for configuration path <paramref name="path"/>, located through <paramref name="origin"/> (configuration path to recipe path or <c>--set</c> text).</summary>
    public static UserInputException At(Recipe recipe, IReadOnlyDictionary<string, string> origin, string path, string problem, Exception? inner = null)
    {
        for (var p = path; p.Length > 0; p = JsonPositions.Parent(p))
        {
            if (!origin.TryGetValue(p, out var at))
                continue;
            return at.StartsWith("--set ", StringComparison.Ordinal)
                ? new UserInputException($"{recipe.File}: {at}: field {path}: {problem}", inner)
                : RecipeErrors.At(recipe.File, recipe.Positions, at + path[p.Length..], problem, inner);
        }
        return RecipeErrors.At(recipe.File, recipe.Positions, path.Length == 0 ? "config" : $"config.{path}", problem, inner);
    }

    /// <summary>What a deserialisation error means in the field's words: what was expected and what was found.</summary>
    public static string Describe(JsonException e, JsonObject config, string path)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
            message = message[..cut];
        var type = ConvertedType().Match(message);
        if (!type.Success)
            return message;
        var got = TryGet(config, path, out var node) ? node?.ToJsonString() ?? "null" : "nothing";
        return $"expected {Expected(type.Groups[1].Value)}, got {got}";
    }

    /// <summary>The first number in <paramref name="node"/> too large for a double (<c>1e400</c>, read as infinity), with its path.</summary>
    public static (string Path, string Text)? FirstNonFinite(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (FirstNonFinite(value, path.Length == 0 ? key : $"{path}.{key}") is { } found)
                        return found;
                }
                return null;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (FirstNonFinite(a[i], $"{path}[{i}]") is { } found)
                        return found;
                }
                return null;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                var text = v.ToJsonString();
                return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && !double.IsFinite(d)
                    ? (path, text)
                    : null;
            default:
                return null;
        }
    }

    /// <summary>The configuration field a check's message starts with (<c>games must be ...</c>, <c>config.size: ...</c>), when <paramref name="config"/> has it.</summary>
    public static string? LeadingField(string message, JsonObject config)
    {
        var m = LeadingPath().Match(message);
        if (!m.Success)
            return null;
        var path = m.Groups[1].Value;
        return TryGet(config, path, out _) ? path : null;
    }

    /// <summary>The node at dotted path <paramref name="path"/> (with <c>[i]</c> indexes) in <paramref name="root"/>.</summary>
    public static bool TryGet(JsonNode root, string path, out JsonNode? node)
    {
        node = root;
        if (path.Length == 0)
            return true;
        foreach (Match part in PathPart().Matches(path))
        {
            if (part.Groups[1].Success)
            {
                if (node is not JsonObject o || !o.TryGetPropertyValue(part.Groups[1].Value, out node))
                    return false;
            }
            else
            {
                var index = int.Parse(part.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (node is not JsonArray a || index >= a.Count)
                    return false;
                node = a[index];
            }
        }
        return true;
    }

    private static string Expected(string type) => Unwrap(type) switch
    {
        "System.Int32" or "System.Int64" or "System.Int16" or "System.Byte" => "an integer",
        "System.UInt32" or "System.UInt64" or "System.UInt16" => "a non-negative integer",
        "System.Double" or "System.Single" or "System.Decimal" => "a finite number",
        "System.Boolean" => "true or false",
        "System.String" => "a string",
        _ when type.Contains("List", StringComparison.Ordinal) || type.EndsWith("[]", StringComparison.Ordinal) => "a list",
        var other => $"a {other[(other.LastIndexOf('.') + 1)..]} value",
    };

    private static string Unwrap(string type)
    {
        const string nullable = "System.Nullable`1[";
        return type.StartsWith(nullable, StringComparison.Ordinal) && type.EndsWith(']') ? type[nullable.Length..^1] : type;
    }

    [GeneratedRegex(@"could not be converted to ([\w.`\[\], =]+?)\.?$")]
    private static partial Regex ConvertedType();

    [GeneratedRegex(@"^(?:config\.)?([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*|\[\d+\])*)(?=[ :])")]
    private static partial Regex LeadingPath();

    [GeneratedRegex(@"([^.\[\]]+)|\[(\d+)\]")]
    private static partial Regex PathPart();
}
