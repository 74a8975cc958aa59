using System.Globalization;
using Goodhart.Evals.Harness;
using Spectre.Console;

namespace Goodhart.Cli.Commands.Eval;

/// <summary>Prints a run's per-scorer metrics, CIs and scored / unscored / errored counts (unscored reasons below).</summary>
internal static class EvalResultTable
{
    public static void Print(EvalRunResult result)
    {
        var samples = result.Samples.Select(s => s.SampleIndex).Distinct().Count();
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(result.Task)}[/] on [bold]{Markup.Escape(result.Model)}[/]: {samples} samples x {result.Epochs} epoch(s), {F(result.Duration.TotalSeconds, "0.0")} s");
        var table = new Table().AddColumns("scorer", "metric", "value", "95% CI", "scored", "unscored", "errored");
        foreach (var s in result.Scorers)
        {
            var first = true;
            foreach (var m in s.Metrics.Count == 0 ? [new MetricValue("(nothing scored)", double.NaN)] : s.Metrics)
            {
                table.AddRow(
                    first ? Markup.Escape(s.Scorer) : string.Empty,
                    Markup.Escape(m.Name),
                    F(m.Value, "0.000"),
                    m.Lower is { } lo && m.Upper is { } up ? $"[[{F(lo, "0.000")}, {F(up, "0.000")}]]" : string.Empty,
                    first ? s.Scored.ToString(CultureInfo.InvariantCulture) : string.Empty,
                    first ? (s.Unscored > 0 ? $"[red]{s.Unscored}[/]" : "0") : string.Empty,
                    first ? (s.Errored > 0 ? $"[red]{s.Errored}[/]" : "0") : string.Empty);
                first = false;
            }
        }
        ConsoleTables.Write(table);
        foreach (var s in result.Scorers)
        {
            foreach (var (reason, count) in s.UnscoredReasons.Take(5))
                AnsiConsole.MarkupLine($"[yellow]unscored by {Markup.Escape(s.Scorer)}: {count} x {Markup.Escape(reason)}[/]");
        }
        foreach (var error in result.Samples.Where(r => r.IsErrored).GroupBy(r => r.Error!).OrderByDescending(g => g.Count()).Take(5))
            AnsiConsole.MarkupLine($"[red]errored: {error.Count()} x {Markup.Escape(error.Key)}[/]");
    }

    private static string F(double x, string format) => double.IsFinite(x) ? x.ToString(format, CultureInfo.InvariantCulture) : "-";
}
