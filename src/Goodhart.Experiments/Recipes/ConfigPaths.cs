using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Goodhart.Experiments.Recipes;

/// <summary>Dotted paths into a configuration object (<c>agent_options.learning_rate</c>): look-up, assignment, merging, canonical form.</summary>
public static class ConfigPaths
{
    /// <summary>Whether <paramref name="path"/> names a field of <paramref name="config"/> (a null value counts).</summary>
    public static bool Exists(JsonObject config, string path)
    {
        JsonNode? node = config;
        foreach (var part in path.Split('.'))
        {
            if (node is not JsonObject o || !o.ContainsKey(part))
                return false;
            node = o[part];
        }
        return true;
    }

    /// <summary>
    /// Whether <paramref name="path"/> names a property of <paramref name="type"/>'s JSON contract, through nested
    /// objects: a field of an object that is null by default (and so absent from a serialised default) counts.
    /// </summary>
    public static bool InContract(Type type, string path, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var part in path.Split('.'))
        {
            var info = options.GetTypeInfo(type);
            if (info.Kind != JsonTypeInfoKind.Object || info.Properties.FirstOrDefault(p => p.Name == part) is not { } property)
                return false;
            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }
        return true;
    }

    /// <summary>Sets <paramref name="path"/> to a copy of <paramref name="value"/>, creating intermediate objects.</summary>
    public static void Set(JsonObject config, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var o = config;
        foreach (var part in parts[..^1])
        {
            if (o[part] is not JsonObject child)
            {
                child = [];
                o[part] = child;
            }
            o = child;
        }
        o[parts[^1]] = value?.DeepClone();
    }

    /// <summary>Merges <paramref name="overrides"/> into <paramref name="config"/>: objects field by field, anything else replaced; dotted keys are paths.</summary>
    public static void Merge(JsonObject config, JsonObject overrides)
    {
        foreach (var (key, value) in overrides)
        {
            if (value is JsonObject inner && !key.Contains('.', StringComparison.Ordinal) && config[key] is JsonObject target)
                Merge(target, inner);
            else
                Set(config, key, value);
        }
    }

    /// <summary>A copy with every object's fields sorted by name, so equal configurations serialise equally.</summary>
    public static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, Canonical(kv.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Canonical)]),
        _ => node?.DeepClone(),
    };

    /// <summary>The text a grid value shows as in tables: strings bare, anything else as compact JSON.</summary>
    public static string Display(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(),
    };
}
