using System.CommandLine;
using Goodhart.Evals.Harness;
using Spectre.Console;

namespace Goodhart.Cli.Commands.Eval;

/// <summary><c>goodhart eval list</c>: the built-in suites (found by reflection in Goodhart.Evals).</summary>
internal static class EvalListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List the built-in eval suites.");
        command.SetAction(_ =>
        {
            var suites = SuiteCatalog.All;
            if (suites.Count == 0)
            {
                AnsiConsole.MarkupLine("no built-in suites; run a dataset with `goodhart eval --dataset FILE --model NAME`");
                return 0;
            }
            var table = new Table().AddColumns("suite", "what it measures");
            foreach (var s in suites)
                table.AddRow(Markup.Escape(s.Name), Markup.Escape(s.Description));
            ConsoleTables.Write(table);
            return 0;
        });
        return command;
    }
}
