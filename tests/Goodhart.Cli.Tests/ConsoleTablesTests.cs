using Goodhart.Cli.Commands;
using Spectre.Console;

namespace Goodhart.Cli.Tests;

public class ConsoleTablesTests
{
    private static readonly string[] Ids = ["r-20261205-073000-3f2a9c1b", "r-20261205-073512-77e0d4aa", "r-20261205-074459-c0ffee42"];

    private static readonly string[] Numbers = ["-1234.567 ± 0.012", "98765.4321", "0.000123 ± 0.000045", "31415.92653"];

    /// <summary>A console whose output is not a terminal (as when piped), at Spectre.Console's redirected default of 80 columns.</summary>
    private static (IAnsiConsole Console, StringWriter Output) Piped()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 80;
        return (console, output);
    }

    /// <summary>A runs-list-like table far wider than 80 columns: long ids and long numbers in many columns.</summary>
    private static Table Wide()
    {
        var table = new Table().AddColumns("id", "kind", "env", "agent", "seed", "gold", "proxy", "kl", "sqrt kl", "status");
        foreach (var id in Ids)
            table.AddRow(id, "rlhf-bon", "rlhf:typical", "bon-ensemble-4-wco", "1234567890", Numbers[0], Numbers[1], Numbers[2], Numbers[3], "finished");
        return table;
    }

    [Fact]
    public void A_piped_table_keeps_every_id_and_number_on_one_line()
    {
        var (console, output) = Piped();

        ConsoleTables.Write(console, Wide());

        var lines = output.ToString().Split('\n');
        foreach (var id in Ids)
            Assert.Single(lines, l => l.Contains(id, StringComparison.Ordinal));
        foreach (var number in Numbers)
            Assert.Equal(Ids.Length, lines.Count(l => l.Contains(number, StringComparison.Ordinal)));
        Assert.Equal(Ids.Length, lines.Count(l => l.Contains("1234567890", StringComparison.Ordinal)));
    }

    [Fact]
    public void Written_plainly_at_80_columns_the_same_table_breaks_them()
    {
        // What ConsoleTables prevents: Spectre.Console wraps cells to fit 80 columns when the output is redirected.
        var (console, output) = Piped();

        console.Write(Wide());

        var text = output.ToString();
        Assert.Contains(Ids.Concat(Numbers), token => !text.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public void A_narrow_table_is_written_as_it_would_be_anyway()
    {
        var (natural, naturalOutput) = Piped();
        var (plain, plainOutput) = Piped();
        var table = new Table().AddColumns("a", "b").AddRow("1", "2");

        ConsoleTables.Write(natural, table);
        plain.Write(new Table().AddColumns("a", "b").AddRow("1", "2"));

        Assert.Equal(plainOutput.ToString(), naturalOutput.ToString());
    }
}
