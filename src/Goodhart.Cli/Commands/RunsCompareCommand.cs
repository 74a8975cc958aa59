using System.CommandLine;
using System.Globalization;
using Goodhart.Reports.Rlhf;
using Goodhart.Core.Runs;
using Spectre.Console;

namespace Goodhart.Cli.Commands;

/// <summary><c>goodhart runs compare ID ID... [--window N]</c>: the runs' summaries side by side, one column per run.</summary>
internal static class RunsCompareCommand
{
    public static Command Create(Option<string> store)
    {
        var ids = new Argument<string[]>("ids") { Description = "Run ids, or unique starts of them (r- optional) or their random suffixes.", Arity = ArgumentArity.OneOrMore };
        var window = RunsCommand.WindowOption();
        var command = new Command("compare", "Compare runs side by side: return vs performance, gap, event rates.") { ids, window };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            using var s = RunsCommand.Open(parse, store);
            var runs = parse.GetValue(ids)!.Select(s.GetRun).ToList();
            var summaries = runs.Select(r => RunsCommand.Summarise(s, r, parse.GetValue(window))).ToList();
            var table = new Table().AddColumn("");
            foreach (var r in runs)
                table.AddColumn(Markup.Escape(r.Id));
            void Add(string measure, Func<RunRecord, string> cell) =>
                table.AddRow([Markup.Escape(measure), .. runs.Select(r => Markup.Escape(cell(r)))]);
            Add("kind", r => r.Kind);
            Add("env", r => r.Env);
            Add("agent", r => r.Agent);
            Add("seed", r => r.Seed.ToString(CultureInfo.InvariantCulture));
            Add("status", r => r.Status);
            if (summaries.Any(x => x.OraclePerformance is not null))
            {
                table.AddRow([new Markup("oracle performance"), .. summaries.Select(x =>
                    new Markup(x.OraclePerformance is { } o ? RunSummaryTable.Num(o) : "-"))]);
            }
            var curves = runs.Select(r => RlhfMetricNames.IsRlhf(r.Kind) ? RlhfCurve.FromRun(r, s.GetMetrics(r.Id)) : null).ToList();
            if (curves.All(c => c is null) || summaries.Any(x => x.Training.Total > 0))
                RunSummaryTable.AddSection(table, "training", [.. summaries.Select(x => (EpisodeSetSummary?)x.Training)]);
            if (curves.Any(c => c is not null))
                Rlhf.RlhfCompareRows.Add(table, curves);
            if (summaries.Any(x => x.Evaluation is not null))
                RunSummaryTable.AddSection(table, "evaluation", [.. summaries.Select(x => x.Evaluation)]);
            ConsoleTables.Write(table);
            return 0;
        }));
        return command;
    }
}
