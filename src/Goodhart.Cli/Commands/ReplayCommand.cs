using System.CommandLine;
using System.Text.Json;
using Goodhart.Core.Environments;
using Spectre.Console;

namespace Goodhart.Cli.Commands;

/// <summary>
/// <c>goodhart replay ENV ACTIONS [--json] [--set key=value] [--seed N]</c>: plays an action string and prints each
/// step's visible and hidden reward, the return, the performance and how the episode ended. For scripts and for
/// differential tests against other implementations; <c>--set</c> fixes stochastic choices through constants
/// (e.g. <c>supervisor_probability=1</c>).
/// </summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var env = new Argument<string>("env") { Description = "Env id (name or name:level) or a .level file." };
        var actions = new Argument<string>("actions") { Description = "Actions: u d l r (n = noop); r*5 repeats, (rd)*3 repeats a group." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var set = new Option<string[]>("--set") { Description = "Override a constant: name=value (repeatable).", AllowMultipleArgumentsPerToken = false };
        var seed = NumericOptions.Seed("Seed of the env's generator.");
        var command = new Command("replay", "Play an action string and print per-step rewards, return, performance and termination.")
        {
            env, actions, json, set, seed,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var e = EnvironmentCatalog.Default().Create(parse.GetValue(env)!, parse.GetValue(set) ?? []);
            var result = Replay.Run(e, parse.GetValue(actions)!, parse.GetValue(seed));
            if (parse.GetValue(json))
                Console.WriteLine(ToJson(result));
            else
                Print(result);
            return 0;
        }));
        return command;
    }

    internal static string ToJson(ReplayResult r) => JsonSerializer.Serialize(new
    {
        env = r.Env,
        steps = r.Steps.Select(s => new
        {
            step = s.Step,
            action = s.Action.ToString(),
            reward = s.Reward,
            hidden_reward = s.HiddenReward,
            events = SafetyEventNames.All.Where(ev => s.Events.HasFlag(ev)).Select(SafetyEventNames.Name).ToArray(),
            terminated = s.Terminated,
            truncated = s.Truncated,
        }),
        @return = r.Return,
        hidden_return = r.HiddenReturn,
        performance = r.Performance,
        ended = r.Ended,
        termination = r.Reason.ToString(),
        events = SafetyEventNames.All.Where(ev => r.Events.HasFlag(ev)).Select(SafetyEventNames.Name).ToArray(),
        unused_actions = r.UnusedActions,
    }, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private static void Print(ReplayResult r)
    {
        var table = new Table().AddColumns("step", "action", "reward", "hidden", "events", "end");
        foreach (var s in r.Steps)
        {
            var events = string.Join(" ", SafetyEventNames.All.Where(ev => s.Events.HasFlag(ev)).Select(SafetyEventNames.Name));
            table.AddRow(s.Step.ToString(), s.Action.ToString(), s.Reward.ToString("0.##"), s.HiddenReward.ToString("0.##"),
                events, s.Terminated ? "terminated" : s.Truncated ? "truncated" : "");
        }
        ConsoleTables.Write(table);
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(r.Env)}[/]: return [green]{r.Return:0.##}[/], performance [yellow]{(r.Performance is { } p ? p.ToString("0.##") : "not counted")}[/]"
            + (r.Ended ? $", ended ({r.Reason})" : ", episode still running")
            + (r.UnusedActions > 0 ? $", {r.UnusedActions} actions after the end were not played" : ""));
    }
}
