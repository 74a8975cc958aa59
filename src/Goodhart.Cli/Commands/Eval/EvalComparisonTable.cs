using System.Globalization;
using Goodhart.Evals.Harness;
using Spectre.Console;

namespace Goodhart.Cli.Commands.Eval;

/// <summary>Prints several models' runs of one task side by side: one row per scorer metric, one column per model.</summary>
internal static class EvalComparisonTable
{
    public static void Print(IReadOnlyList<EvalRunResult> results)
    {
        if (results.Count < 2)
            return;
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(results[0].Task)}[/]: models side by side");
        var table = new Table().AddColumns(["scorer", "metric", .. results.Select(r => Markup.Escape(r.Model))]);
        var rows = results.SelectMany(r => r.Scorers.SelectMany(s => s.Metrics.Select(m => (s.Scorer, m.Name)))).Distinct().ToList();
        foreach (var (scorer, metric) in rows)
        {
            var cells = results.Select(r =>
                r.Scorers.FirstOrDefault(s => s.Scorer == scorer)?.Metrics.FirstOrDefault(m => m.Name == metric) is { } v
                    ? F(v.Value) + (v.Lower is { } lo && v.Upper is { } up ? $" [[{F(lo)}, {F(up)}]]" : string.Empty)
                    : "-");
            table.AddRow([Markup.Escape(scorer), Markup.Escape(metric), .. cells]);
        }
        table.AddRow(["(errored)", "sample-epochs", .. results.Select(r => r.Errored.ToString(CultureInfo.InvariantCulture))]);
        ConsoleTables.Write(table);
    }

    private static string F(double x) => double.IsFinite(x) ? x.ToString("0.000", CultureInfo.InvariantCulture) : "-";
}
