using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Goodhart.Core.Runs;
using Spectre.Console;

namespace Goodhart.Cli.Commands;

/// <summary>
/// <c>goodhart runs show ID [--window N]</c>: one run's identity, code version and config, the summary of its last
/// episodes (return against performance, Goodhart gap, event rates) and its metric series.
/// </summary>
internal static class RunsShowCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(Option<string> store)
    {
        var id = new Argument<string>("id") { Description = "Run id, or a unique start of it (r- optional) or its random suffix." };
        var window = RunsCommand.WindowOption();
        var command = new Command("show", "Show a run: config, code version, summary (return vs performance, gap, event rates).") { id, window };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            using var s = RunsCommand.Open(parse, store);
            var run = s.GetRun(parse.GetValue(id)!);
            var summary = RunsCommand.Summarise(s, run, parse.GetValue(window));
            AnsiConsole.Write(Identity(run));
            WriteJson("config", run.ConfigJson);
            if (summary.Training.Total + (summary.Evaluation?.Total ?? 0) > 0)
            {
                var table = new Table().AddColumns("", "training");
                if (summary.Evaluation is not null)
                    table.AddColumn("evaluation");
                var sets = summary.Evaluation is null ? new[] { summary.Training } : [summary.Training, summary.Evaluation];
                var title = summary.OraclePerformance is { } o ? $"summary (oracle performance {RunSummaryTable.Num(o)})" : "summary";
                RunSummaryTable.AddSection(table, title, sets);
                ConsoleTables.Write(table);
            }
            else if (run.SummaryJson is { } stored)
            {
                WriteJson("stored summary", stored);
            }
            else
            {
                AnsiConsole.MarkupLine("[grey]no episodes stored[/]");
            }
            WriteMetrics(s.GetMetrics(run.Id));
            return 0;
        }));
        return command;
    }

    private static Grid Identity(RunRecord run)
    {
        var grid = new Grid().AddColumn().AddColumn();
        void Add(string key, string valueMarkup) => grid.AddRow(new Markup($"[grey]{key}[/]"), new Markup(valueMarkup));
        Add("run", $"[bold]{Markup.Escape(run.Id)}[/]");
        Add("kind", Markup.Escape(run.Kind));
        Add("env", Markup.Escape(run.Env));
        Add("agent", Markup.Escape(run.Agent));
        Add("seed", run.Seed.ToString(CultureInfo.InvariantCulture));
        Add("status", RunsListCommand.StatusMarkup(run)
            + (run.Status == RunStatus.Running && run.WriterElsewhere is not null ? " [grey](written by a process on another machine, which this machine cannot check; if that process stopped, the run was interrupted)[/]"
                : run.Status == RunStatus.Running ? " [grey](still running, as far as this machine can tell)[/]"
                : run.Status == RunStatus.Interrupted ? " [grey](its process ended before finishing it; the episodes written so far are kept)[/]" : ""));
        Add("started", Time(run.StartedUtc));
        if (run.FinishedUtc is { } finished)
            Add("finished", $"{Time(finished)} [grey]({(finished - run.StartedUtc).TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s)[/]");
        Add("code", Markup.Escape(run.CodeVersion));
        return grid;
    }

    private static void WriteMetrics(IReadOnlyList<MetricPoint> metrics)
    {
        if (metrics.Count == 0)
            return;
        var table = new Table().AddColumns("metric", "points", "first step", "last step", "last value");
        foreach (var series in metrics.GroupBy(m => m.Name, StringComparer.Ordinal))
        {
            table.AddRow(Markup.Escape(series.Key), series.Count().ToString(CultureInfo.InvariantCulture),
                series.First().Step.ToString(CultureInfo.InvariantCulture), series.Last().Step.ToString(CultureInfo.InvariantCulture),
                series.Last().Value.ToString("0.####", CultureInfo.InvariantCulture));
        }
        ConsoleTables.Write(table);
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static void WriteJson(string title, string json)
    {
        using var doc = JsonDocument.Parse(json);
        AnsiConsole.MarkupLine($"[grey]{title}[/]");
        AnsiConsole.Write(new Padder(new Text(JsonSerializer.Serialize(doc.RootElement, Indented)), new Padding(2, 0, 0, 0)));
        AnsiConsole.WriteLine();
    }
}
