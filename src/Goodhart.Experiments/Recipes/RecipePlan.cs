namespace Goodhart.Experiments.Recipes;

/// <summary>A recipe expanded at one scale with the user's overrides: every cell to run, in order (grid points outer, seeds inner).</summary>
/// <param name="Recipe">The recipe.</param>
/// <param name="Kind">The recipe's experiment kind.</param>
/// <param name="Scale">The scale's name, or null for the recipe as written.</param>
/// <param name="Seeds">The seeds in use (the scale's, else the recipe's).</param>
/// <param name="Overrides">The <c>--set</c> overrides applied (path=value), for the stamp.</param>
/// <param name="Cells">The cells.</param>
public sealed record RecipePlan(Recipe Recipe, IExperimentKind Kind, string? Scale, IReadOnlyList<ulong> Seeds, IReadOnlyList<string> Overrides, IReadOnlyList<PlannedCell> Cells)
{
    /// <summary>The run's name: the recipe's, with <c>-SCALE</c> when a scale is used.</summary>
    public string RunName => Scale is null ? Recipe.Name : $"{Recipe.Name}-{Scale}";
}
