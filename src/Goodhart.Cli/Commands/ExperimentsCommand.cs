using System.CommandLine;
using System.Globalization;
using Goodhart.Experiments.Recipes;
using Spectre.Console;

namespace Goodhart.Cli.Commands;

/// <summary>
/// <c>goodhart experiments</c>: the shipped recipes, one line each (name, kind, cells, description), and how to run one.
/// A recipe that cannot be planned from here (a relative folder it reads, such as the recorded eval cache, is not
/// under the working directory or the program's folders) is still listed, with "-" cells and a note saying why.
/// </summary>
internal static class ExperimentsCommand
{
    public static Command Create()
    {
        var command = new Command("experiments", "List the shipped experiment recipes (run one with `goodhart run NAME`).");
        command.SetAction(_ => CliErrors.Run(() =>
        {
            var recipes = RecipeLoader.Shipped();
            var rows = Rows(recipes);
            var table = new Table().AddColumns("recipe", "kind", "cells", "scales", "what it shows");
            foreach (var row in rows)
            {
                var r = row.Recipe;
                table.AddRow(Markup.Escape(r.Name), Markup.Escape(r.Kind), row.Cells,
                    Markup.Escape(string.Join(", ", r.Scales.Keys)), Markup.Escape(r.Description));
            }
            ConsoleTables.Write(table);
            foreach (var row in rows.Where(r => r.Problem is not null))
                AnsiConsole.MarkupLine($"[yellow]note[/]: {Markup.Escape(row.Recipe.Name)} cannot be planned from here: {Markup.Escape(row.Problem!)}");
            AnsiConsole.MarkupLine($"{recipes.Count} recipes in {Markup.Escape(RecipeLoader.ShippedDirectory)}; run one with [bold]goodhart run NAME [[--scale SCALE]] [[--jobs N]][/]");
            return 0;
        }));
        return command;
    }

    /// <summary>One listing row per recipe: its cell count, or "-" and the one-line reason it cannot be planned here.</summary>
    internal static IReadOnlyList<(Recipe Recipe, string Cells, string? Problem)> Rows(IEnumerable<Recipe> recipes)
    {
        var rows = new List<(Recipe, string, string?)>();
        foreach (var r in recipes)
        {
            try
            {
                rows.Add((r, RecipePlanner.Plan(r).Cells.Count.ToString(CultureInfo.InvariantCulture), null));
            }
            catch (Exception e) when (CliErrors.IsUserError(e))
            {
                rows.Add((r, "-", CliErrors.OneLine(e.Message)));
            }
        }

        return rows;
    }
}
