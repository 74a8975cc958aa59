using System.Text.Json.Nodes;

namespace Goodhart.Experiments.Recipes;

/// <summary>
/// A named scale of a recipe (e.g. <c>tiny</c> for tests): configuration overrides, and optionally other seeds and
/// another grid. In the file, a scale's <c>seeds</c> and <c>grid</c> fields replace the recipe's; every other field
/// overrides the configuration field of the same (dotted) path.
/// </summary>
/// <param name="Name">The scale's name.</param>
/// <param name="Config">Configuration overrides (merged into <c>config</c> field by field).</param>
/// <param name="Seeds">Seeds replacing the recipe's, or null.</param>
/// <param name="Grid">A grid replacing the recipe's, or null.</param>
public sealed record RecipeScale(string Name, JsonObject Config, IReadOnlyList<ulong>? Seeds, IReadOnlyList<GridAxis>? Grid);
