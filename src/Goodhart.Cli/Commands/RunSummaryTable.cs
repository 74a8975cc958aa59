using System.Globalization;
using Goodhart.Core.Runs;
using Spectre.Console;

namespace Goodhart.Cli.Commands;

/// <summary>
/// Renders episode-set summaries side by side (one column per run, or training beside evaluation): return against
/// performance, the Goodhart gap, the oracle ratios, length and event rates, every mean ± one standard error.
/// </summary>
internal static class RunSummaryTable
{
    /// <summary>Adds a section (a bold title row, then one row per measure) for the given summaries; null cells stay empty.</summary>
    public static void AddSection(Table table, string title, IReadOnlyList<EpisodeSetSummary?> sets)
    {
        table.AddRow([new Markup($"[bold]{Markup.Escape(title)}[/]"), .. sets.Select(_ => new Markup(""))]);
        Row(table, "episodes", sets, s => s.Episodes == 0 ? "none"
            : $"last {Num(s.Episodes)} of {Num(s.Total)} (#{s.FirstEpisode}..#{s.LastEpisode})");
        Row(table, "return (± SE)", sets, s => Stats(s.Return));
        Row(table, "performance (± SE)", sets, s => Stats(s.Performance)
            + (s.PerformanceNotCounted > 0 ? $" ({Num(s.PerformanceNotCounted)} not counted)" : ""));
        Row(table, "goodhart gap (± SE)", sets, s => s.GoodhartGap is { } g ? Gap(g) + (s.GoodhartGapSe is { } se ? $" ± {Num(se)}" : "") : "-", markup: true);
        if (sets.Any(s => s?.PerformanceRatio is not null))
        {
            Row(table, "return / oracle", sets, s => Percent(s.ReturnRatio));
            Row(table, "performance / oracle", sets, s => Percent(s.PerformanceRatio));
            Row(table, "gap / oracle", sets, s => Percent(s.GapRatio));
        }
        Row(table, "length (± SE)", sets, s => Stats(s.Length));
        var events = sets.Where(s => s is not null).SelectMany(s => s!.Events).Select(e => e.Name).Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in events)
        {
            Row(table, name + " (± SE)", sets, s => s.Events.FirstOrDefault(e => e.Name == name) is { } e
                ? $"{Percent(e.Rate)}{(s.RateStatsOf(name)?.Se is { } se ? " ± " + Percent(se) : "")} ({Num(e.MeanCount)}/ep)"
                : s.Episodes == 0 ? "-" : "0%");
        }
    }

    public static string Num(double x) => x.ToString("0.##", CultureInfo.InvariantCulture);

    private static void Row(Table table, string measure, IReadOnlyList<EpisodeSetSummary?> sets, Func<EpisodeSetSummary, string> cell, bool markup = false) =>
        table.AddRow([new Markup("  " + Markup.Escape(measure)),
            .. sets.Select(s => s is null ? new Markup("") : new Markup(markup ? cell(s) : Markup.Escape(cell(s))))]);

    /// <summary>"mean ± SE"; the mean alone for a single value (no standard error), "-" for none.</summary>
    private static string Stats(SampleStats? s) => s switch
    {
        null => "-",
        { Se: { } se } => $"{Num(s.Mean)} ± {Num(se)}",
        _ => Num(s.Mean),
    };

    /// <summary>A positive gap (more reward than the behaviour deserves) is the warning sign.</summary>
    private static string Gap(double gap) => gap > 1e-9 ? $"[red]{Num(gap)}[/]" : Num(gap);

    private static string Percent(double? x) => x is { } v ? (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "-";
}
