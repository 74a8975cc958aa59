using System.CommandLine;
using Goodhart.Experiments.DeepRl;
using Goodhart.Experiments.Rlhf;
using Goodhart.Reports;
using Goodhart.Reports.Rlhf;
using Goodhart.Core.Runs;
using Spectre.Console;

namespace Goodhart.Cli.Commands;

/// <summary>
/// <c>goodhart report RUN... [--output DIR]</c>: an HTML page with PNG plots (return and performance over training,
/// safety-event rates, a deep run's greedy evaluations against env steps, final return vs performance across runs) for
/// stored runs.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var runs = new Argument<string[]>("runs") { Description = "Run ids (or unique prefixes); see `goodhart runs list`.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output") { Description = "Directory for index.html and the PNGs (default: reports/FIRST-RUN beside the store)." };
        var window = new Option<int?>("--window") { Description = "Episodes per moving average / summary window (default: a tenth of training, at most 100)." };
        var store = CommonOptions.Store();
        var command = new Command("report", "Write an HTML report with plots for one or more runs.") { runs, output, window, store };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var storePath = parse.GetValue(store)!;
            var ids = parse.GetValue(runs)!;
            var path = Write(storePath, ids, parse.GetValue(output), parse.GetValue(window));
            AnsiConsole.MarkupLine($"report: [bold link]{Markup.Escape(path)}[/]");
            return 0;
        }));
        return command;
    }

    /// <summary>Writes the report and returns the path of its index.html.</summary>
    internal static string Write(string storePath, IReadOnlyList<string> ids, string? output = null, int? window = null)
    {
        using var store = RunStore.Open(storePath);
        var records = ids.Select(store.GetRun).ToArray();
        if (records.Any(r => RlhfMetricNames.IsRlhf(r.Kind)))
        {
            if (!records.All(r => RlhfMetricNames.IsRlhf(r.Kind)))
                throw new Core.UserInputException("RLHF runs and gridworld runs go in separate reports; give the ids of one kind at a time");
            return RlhfReportWriter.Write(store, records, output ?? CommonOptions.DefaultReportDirectory(storePath, records[0].Id), "Goodhart RLHF report");
        }

        var inputs = new List<RunReportInput>();
        foreach (var id in ids)
        {
            var run = store.GetRun(id);
            var oracle = store.GetMetrics(run.Id, "oracle/performance").Select(m => (double?)m.Value).LastOrDefault();
            inputs.Add(new RunReportInput(run, store.GetEpisodes(run.Id), oracle is { } o && double.IsFinite(o) ? o : null, Greedy: GreedyMetrics.Read(store, run)));
        }
        var dir = output ?? CommonOptions.DefaultReportDirectory(storePath, inputs[0].Run.Id);
        var title = inputs.Count == 1 ? $"Goodhart run {inputs[0].Run.Id}: {inputs[0].Run.Env} / {inputs[0].Run.Agent}" : $"Goodhart: {inputs.Count} runs";
        return RunReport.Write(inputs, dir, new RunReportOptions(title, window))[0];
    }
}
