using Spectre.Console;

namespace Goodhart.Cli.Commands;

/// <summary>
/// Writes the CLI's tables so that no number or id is ever broken across lines. On a terminal a table fits the
/// window as usual; when the output is redirected (piped into a file, <c>grep</c> or another program) Spectre.Console
/// assumes 80 columns and would wrap cells mid-number, so there the table is written at its natural width instead
/// (as wide as its widest row needs, however wide that is).
/// </summary>
internal static class ConsoleTables
{
    /// <summary>Writes <paramref name="table"/> to the process console.</summary>
    public static void Write(Table table) => Write(AnsiConsole.Console, table);

    /// <summary>Writes <paramref name="table"/> to <paramref name="console"/>: as usual on a terminal, at its natural width when redirected.</summary>
    public static void Write(IAnsiConsole console, Table table)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(table);
        if (console.Profile.Out.IsTerminal)
            console.Write(table);
        else
            console.Write(new NaturalWidth(table));
    }
}
