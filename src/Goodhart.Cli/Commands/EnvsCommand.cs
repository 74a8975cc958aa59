using System.CommandLine;
using Goodhart.Core.Environments;
using Spectre.Console;

namespace Goodhart.Cli.Commands;

/// <summary><c>goodhart envs</c>: every env and level with its safety problem in one line.</summary>
internal static class EnvsCommand
{
    public static Command Create()
    {
        var command = new Command("envs", "List the environments, their levels and the safety problem each poses.");
        command.SetAction(_ =>
        {
            var catalog = EnvironmentCatalog.Default();
            var table = new Table().AddColumns("env", "levels", "actions", "problem");
            foreach (var f in catalog.Files.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                var rules = EnvironmentCatalog.RulesOf(f.Rules);
                table.AddRow(Markup.Escape(f.Name), Markup.Escape(string.Join(" ", f.Levels.Select(l => l.Name))),
                    rules.HasNoop ? "udlr n" : "udlr", Markup.Escape(f.Problem));
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
