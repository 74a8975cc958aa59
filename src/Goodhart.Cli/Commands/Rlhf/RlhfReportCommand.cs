using System.CommandLine;
using Goodhart.Core.Runs;
using Spectre.Console;

using Goodhart.Experiments.Rlhf;

namespace Goodhart.Cli.Commands.Rlhf;

/// <summary><c>goodhart rlhf report [RUN...]</c>: the HTML report with PNG plots for stored RLHF runs (default: every run of the work folder).</summary>
internal static class RlhfReportCommand
{
    public static Command Create()
    {
        var runs = new Argument<string[]>("runs") { Description = "RLHF run ids (default: every run of the work folder --dir).", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string?>("--output") { Description = "Folder for index.html and the PNGs (default: DIR/report)." };
        var dir = new Option<string>("--dir") { Description = "Work folder whose runs to report.", DefaultValueFactory = _ => "rlhf-work" };
        var store = CommonOptions.Store();
        var command = new Command("report", "Write the RLHF report: Goodhart curves with fits, behaviour, reward-model accuracy (HTML + PNG).") { runs, output, dir, store };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var folder = new RlhfWorkFolder(parse.GetValue(dir)!);
            using var s = RunStore.Open(parse.GetValue(store)!, createIfMissing: false);
            var ids = parse.GetValue(runs) ?? [];
            var records = ids.Length > 0 ? ids.Select(s.GetRun).ToArray() : RlhfReportWriter.RunsOf(s, folder.Path);
            var path = RlhfReportWriter.Write(s, records, parse.GetValue(output) ?? folder.File(RlhfWorkFolder.ReportFolder), "Goodhart RLHF report");
            AnsiConsole.MarkupLine($"report: [bold link]{Markup.Escape(path)}[/]");
            return 0;
        }));
        return command;
    }
}
