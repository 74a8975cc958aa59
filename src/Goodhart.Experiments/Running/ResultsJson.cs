using System.Text.Json.Nodes;

namespace Goodhart.Experiments.Running;

/// <summary>The results as JSON (<c>results.json</c>): the stamp, the table, and every cell's run ids and values (NaN as null).</summary>
public static class ResultsJson
{
    /// <summary>The JSON text.</summary>
    public static string Build(RunStamp stamp, IReadOnlyList<ResultRow> rows, IReadOnlyList<CellOutcome> cells)
    {
        static JsonNode? N(double x) => double.IsFinite(x) ? x : null;
        static JsonObject Point(IReadOnlyDictionary<string, string> p) => new(p.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        var node = new JsonObject
        {
            ["recipe"] = stamp.Recipe,
            ["recipe_hash"] = stamp.RecipeHash,
            ["kind"] = stamp.Kind,
            ["scale"] = stamp.Scale,
            ["overrides"] = new JsonArray([.. stamp.Overrides.Select(o => (JsonNode?)o)]),
            ["seeds"] = new JsonArray([.. stamp.Seeds.Select(s => (JsonNode?)s)]),
            ["code_version"] = stamp.CodeVersion,
            ["machine"] = new JsonObject { ["cores"] = stamp.Cores, ["os"] = stamp.Os, ["runtime"] = stamp.Runtime },
            ["jobs"] = stamp.Jobs,
            ["cells"] = stamp.Cells,
            ["cells_run"] = stamp.CellsRun,
            ["cells_skipped"] = stamp.CellsSkipped,
            ["wall_seconds"] = Math.Round(stamp.WallSeconds, 3),
            ["command"] = stamp.Command,
            ["results"] = new JsonArray([.. rows.Select(r => (JsonNode?)new JsonObject
            {
                ["grid"] = Point(r.GridPoint),
                ["value"] = r.Value,
                ["mean"] = N(r.Mean),
                ["standard_error"] = r.StandardError is { } se ? N(se) : null,
                ["n"] = r.N,
            })]),
            ["cell_results"] = new JsonArray([.. cells.Select(c => (JsonNode?)new JsonObject
            {
                ["cell_id"] = c.CellId,
                ["grid"] = Point(c.GridPoint),
                ["seed"] = c.Seed,
                ["run_ids"] = new JsonArray([.. c.Result.RunIds.Select(id => (JsonNode?)id)]),
                ["values"] = new JsonObject(c.Result.Values.Select(kv => KeyValuePair.Create(kv.Key, N(kv.Value)))),
            })]),
        };
        return node.ToJsonString(RecipeJson.Options);
    }
}
