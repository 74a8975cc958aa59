namespace Goodhart.Experiments.Running;

/// <summary>What a recipe run's results are stamped with, so a figure can be traced to its code, recipe, seeds and machine.</summary>
/// <param name="Recipe">The recipe's name.</param>
/// <param name="RecipeHash">Short SHA-256 of the recipe file.</param>
/// <param name="Kind">The experiment kind.</param>
/// <param name="Scale">The scale, or null for the recipe as written.</param>
/// <param name="Overrides">The <c>--set</c> overrides.</param>
/// <param name="Seeds">The seeds.</param>
/// <param name="CodeVersion">The program's version and commit (<see cref="Core.Runs.RunStore.CodeVersion"/>).</param>
/// <param name="Cores">Logical processors of the machine.</param>
/// <param name="Os">The operating system.</param>
/// <param name="Runtime">The .NET runtime.</param>
/// <param name="Jobs">Cells run at once.</param>
/// <param name="Cells">Cells in the plan.</param>
/// <param name="CellsRun">Cells run by this invocation.</param>
/// <param name="CellsSkipped">Cells whose saved results were reused.</param>
/// <param name="WallSeconds">Wall time of this invocation, in seconds.</param>
/// <param name="Command">The command that reproduces the run.</param>
public sealed record RunStamp(
    string Recipe,
    string RecipeHash,
    string Kind,
    string? Scale,
    IReadOnlyList<string> Overrides,
    IReadOnlyList<ulong> Seeds,
    string CodeVersion,
    int Cores,
    string Os,
    string Runtime,
    int Jobs,
    int Cells,
    int CellsRun,
    int CellsSkipped,
    double WallSeconds,
    string Command);
