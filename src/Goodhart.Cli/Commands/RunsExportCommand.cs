using System.CommandLine;
using Goodhart.Core.Runs;
using Spectre.Console;

namespace Goodhart.Cli.Commands;

/// <summary>
/// <c>goodhart runs export ID... [--format csv|json] [--output PATH]</c>: runs with their episodes as CSV (one row per
/// episode, one column per event; RLHF runs, which have no episodes: one row per metric point) or JSON (with config, summary and metrics), to a file or standard output.
/// </summary>
internal static class RunsExportCommand
{
    public static Command Create(Option<string> store)
    {
        var ids = new Argument<string[]>("ids") { Description = "Run ids, or unique starts of them (r- optional) or their random suffixes.", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "csv or json.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var output = new Option<string>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var command = new Command("export", "Export runs and their episodes as CSV or JSON.") { ids, format, output };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            using var s = RunsCommand.Open(parse, store);
            var runs = RunExport.Load(s, parse.GetValue(ids)!);
            var kind = parse.GetValue(format) == "json" ? ExportFormat.Json : ExportFormat.Csv;
            // Runs without episodes (RLHF runs) export their metric points as CSV instead.
            var metricsCsv = kind == ExportFormat.Csv && runs.All(r => r.Episodes.Count == 0 && RlhfMetricNames.IsRlhf(r.Run.Kind));
            void Write(Stream stream)
            {
                if (metricsCsv)
                    Rlhf.RlhfMetricsCsv.Write(stream, runs);
                else
                    RunExporter.Write(stream, runs, kind);
            }
            if (parse.GetValue(output) is { } path)
            {
                var full = Path.GetFullPath(path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                using (var file = File.Create(full))
                    Write(file);
                AnsiConsole.MarkupLine($"wrote {runs.Count} run(s), {runs.Sum(r => r.Episodes.Count)} episodes to {Markup.Escape(full)}");
            }
            else
            {
                using var stdout = Console.OpenStandardOutput();
                Write(stdout);
            }
            return 0;
        }));
        return command;
    }
}
