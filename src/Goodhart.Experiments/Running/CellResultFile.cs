using System.Text.Json;
using System.Text.Json.Nodes;
using Goodhart.Experiments.Recipes;

namespace Goodhart.Experiments.Running;

/// <summary>
/// A finished cell's result on disk, <c>OUT/cells/ID.json</c>: written atomically (temp file, then rename), so a file
/// that exists is complete. NaN values are written as null and read back as NaN.
/// </summary>
public static class CellResultFile
{
    /// <summary>The file of cell <paramref name="cellId"/> under <paramref name="outputDirectory"/>.</summary>
    public static string PathOf(string outputDirectory, string cellId) => Path.Combine(outputDirectory, "cells", cellId + ".json");

    /// <summary>Saves the result of <paramref name="cell"/> atomically.</summary>
    public static void Write(string outputDirectory, PlannedCell cell, string kind, CellResult result)
    {
        var node = new JsonObject
        {
            ["cell_id"] = cell.Id,
            ["kind"] = kind,
            ["seed"] = cell.Seed,
            ["grid"] = new JsonObject(cell.GridPoint.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["config"] = JsonNode.Parse(cell.ConfigJson),
            ["run_ids"] = new JsonArray([.. result.RunIds.Select(id => (JsonNode?)id)]),
            ["values"] = new JsonObject(result.Values.Select(kv => KeyValuePair.Create(kv.Key, double.IsFinite(kv.Value) ? (JsonNode?)kv.Value : null))),
        };
        AtomicFile.WriteAllText(PathOf(outputDirectory, cell.Id), node.ToJsonString(RecipeJson.Options));
    }

    /// <summary>Reads the saved result of <paramref name="cell"/>; null when there is none or it is not this cell's (then the cell reruns).</summary>
    public static CellResult? TryRead(string outputDirectory, PlannedCell cell)
    {
        var path = PathOf(outputDirectory, cell.Id);
        if (!File.Exists(path))
            return null;
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path));
            if (node?["cell_id"]?.GetValue<string>() != cell.Id || node["run_ids"] is not JsonArray ids || node["values"] is not JsonObject values)
                return null;
            return new CellResult(
                [.. ids.Select(i => i?.GetValue<string>() ?? throw new FormatException("a run id is null"))],
                values.ToDictionary(kv => kv.Key, kv => kv.Value is null ? double.NaN : kv.Value.GetValue<double>(), StringComparer.Ordinal));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or IOException)
        {
            return null;
        }
    }
}
