using System.CommandLine;
using System.Globalization;
using Goodhart.Core.Runs;
using Spectre.Console;

namespace Goodhart.Cli.Commands;

/// <summary><c>goodhart runs list [--kind K] [--env E] [--agent A] [--status S] [--limit N]</c>: stored runs, newest first.</summary>
internal static class RunsListCommand
{
    public static Command Create(Option<string> store)
    {
        var kind = new Option<string>("--kind") { Description = $"Only runs of this kind ({string.Join(", ", RunKind.Known.Select(k => k.Name))})." };
        var env = new Option<string>("--env") { Description = "Only runs on this env (a bare name also matches its levels)." };
        var agent = new Option<string>("--agent") { Description = "Only runs of this agent." };
        var status = new Option<string>("--status") { Description = "Only runs in this state." };
        status.AcceptOnlyFromAmong([.. RunStatus.All]);
        var limit = new Option<int>("--limit") { Description = "At most N runs.", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List stored runs, newest first.") { kind, env, agent, status, limit };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            if (parse.GetValue(limit) < 1)
                throw new Core.UserInputException("--limit must be at least 1");
            using var s = RunsCommand.Open(parse, store);
            var filter = new RunFilter(parse.GetValue(kind), parse.GetValue(env), parse.GetValue(agent), parse.GetValue(status), parse.GetValue(limit));
            var runs = s.ListRuns(filter);
            if (runs.Count == 0)
            {
                AnsiConsole.MarkupLine($"no runs{(filter with { Limit = null } == RunFilter.All ? "" : " match")} in {Markup.Escape(s.Path)}");
                return 0;
            }
            var table = new Table().AddColumns("id", "kind", "env", "agent", "seed", "status", "started (UTC)", "episodes");
            foreach (var r in runs)
            {
                table.AddRow(Markup.Escape(r.Id), Markup.Escape(r.Kind), Markup.Escape(r.Env), Markup.Escape(r.Agent),
                    r.Seed.ToString(CultureInfo.InvariantCulture), StatusMarkup(r),
                    r.StartedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    s.CountEpisodes(r.Id).ToString(CultureInfo.InvariantCulture));
            }
            ConsoleTables.Write(table);
            if (runs.Count == filter.Limit)
                AnsiConsole.MarkupLine($"[grey]the {runs.Count} newest shown; --limit N shows more[/]");
            return 0;
        }));
        return command;
    }

    /// <summary>A run's status for tables: a running run written on another machine shows as <c>running on HOST?</c>.</summary>
    internal static string StatusMarkup(RunRecord run) =>
        run.Status == RunStatus.Running && run.WriterElsewhere is { } host ? $"[yellow]running on {Markup.Escape(host)}?[/]" : StatusMarkup(run.Status);

    internal static string StatusMarkup(string status) => status switch
    {
        RunStatus.Finished => "[green]finished[/]",
        RunStatus.Failed => "[red]failed[/]",
        RunStatus.Cancelled => "[yellow]cancelled[/]",
        RunStatus.Interrupted => "[red]interrupted[/]",
        _ => Markup.Escape(status),
    };
}
