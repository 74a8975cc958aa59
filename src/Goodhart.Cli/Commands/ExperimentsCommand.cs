using System.CommandLine;
using Goodhart.Experiments.Recipes;
using Spectre.Console;

namespace Goodhart.Cli.Commands;

/// <summary><c>goodhart experiments</c>: the shipped recipes, one line each (name, kind, cells, description), and how to run one.</summary>
internal static class ExperimentsCommand
{
    public static Command Create()
    {
        var command = new Command("experiments", "List the shipped experiment recipes (run one with `goodhart run NAME`).");
        command.SetAction(_ => CliErrors.Run(() =>
        {
            var recipes = RecipeLoader.Shipped();
            var table = new Table().AddColumns("recipe", "kind", "cells", "scales", "what it shows");
            foreach (var r in recipes)
            {
                var cells = RecipePlanner.Plan(r).Cells.Count;
                table.AddRow(Markup.Escape(r.Name), Markup.Escape(r.Kind), cells.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(string.Join(", ", r.Scales.Keys)), Markup.Escape(r.Description));
            }
            ConsoleTables.Write(table);
            AnsiConsole.MarkupLine($"{recipes.Count} recipes in {Markup.Escape(RecipeLoader.ShippedDirectory)}; run one with [bold]goodhart run NAME [[--scale SCALE]] [[--jobs N]][/]");
            return 0;
        }));
        return command;
    }
}
