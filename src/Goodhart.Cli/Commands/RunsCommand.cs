using System.CommandLine;
using Goodhart.Core.Runs;

namespace Goodhart.Cli.Commands;

/// <summary><c>goodhart runs list|show|compare|export</c>: the stored runs; every subcommand takes <c>--store PATH</c>.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var store = CommonOptions.Store();
        store.Recursive = true;
        var command = new Command("runs", "List, inspect, compare and export stored runs.") { store };
        command.Subcommands.Add(RunsListCommand.Create(store));
        command.Subcommands.Add(RunsShowCommand.Create(store));
        command.Subcommands.Add(RunsCompareCommand.Create(store));
        command.Subcommands.Add(RunsExportCommand.Create(store));
        return command;
    }

    /// <summary>Opens the chosen store; reading commands never create one.</summary>
    internal static RunStore Open(ParseResult parse, Option<string> store) =>
        RunStore.Open(parse.GetValue(store)!, createIfMissing: false);

    /// <summary>The <c>--window</c> option of the commands that summarise runs.</summary>
    internal static Option<int> WindowOption() => new("--window")
    {
        Description = "Summarise the last N training (and evaluation) episodes.",
        DefaultValueFactory = _ => 100,
        Validators =
        {
            r =>
            {
                if (r.GetValueOrDefault<int>() < 1)
                    r.AddError("--window must be at least 1");
            },
        },
    };

    /// <summary>The run's summary over its stored episodes, normalised by its oracle figure when it has one.</summary>
    internal static RunSummary Summarise(RunStore store, RunRecord run, int window)
    {
        var oracle = store.GetMetrics(run.Id, MetricNames.OraclePerformance) is [.., var last] && !double.IsNaN(last.Value)
            ? last.Value
            : (double?)null;
        return RunSummary.Compute(store.GetEpisodes(run.Id), window, oracle);
    }
}
