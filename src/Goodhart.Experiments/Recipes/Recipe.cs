using System.Text.Json.Nodes;

namespace Goodhart.Experiments.Recipes;

/// <summary>
/// A recipe file as read (<see cref="RecipeLoader"/>): which experiment kind, its configuration, the seeds, an optional
/// grid over configuration fields, and named scales. <see cref="RecipePlanner"/> turns it into cells.
/// </summary>
/// <param name="Name">The recipe's name: its file name without <c>.json</c>.</param>
/// <param name="File">The file it was read from.</param>
/// <param name="Kind">The experiment kind's name (<see cref="ExperimentCatalog"/>).</param>
/// <param name="Description">One line for <c>goodhart experiments</c>.</param>
/// <param name="Seeds">The seeds every grid point runs with.</param>
/// <param name="Config">The kind's configuration as written (fields left out take the kind's defaults).</param>
/// <param name="Grid">The grid axes (empty: one grid point).</param>
/// <param name="Scales">Named scales, by name.</param>
/// <param name="ContentHash">Short SHA-256 of the file's bytes, stamped on results.</param>
/// <param name="Positions">Where each field starts in the file, for error messages.</param>
public sealed record Recipe(
    string Name,
    string File,
    string Kind,
    string Description,
    IReadOnlyList<ulong> Seeds,
    JsonObject Config,
    IReadOnlyList<GridAxis> Grid,
    IReadOnlyDictionary<string, RecipeScale> Scales,
    string ContentHash,
    JsonPositions Positions)
{
    /// <summary>A <see cref="Core.UserInputException"/> naming the file, the line and column of <paramref name="path"/> (or its nearest ancestor) and the field.</summary>
    public Core.UserInputException Error(string path, string problem) => RecipeErrors.At(File, Positions, path, problem);
}
