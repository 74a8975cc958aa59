using System.CommandLine;
using Goodhart.Core.Environments;
using Spectre.Console;

namespace Goodhart.Cli.Commands;

/// <summary>
/// <c>goodhart play ENV</c>: a person plays an env in the terminal with the arrow keys (or u d l r, n or
/// space for NOOP, q to quit), seeing only what an agent sees: the board and the visible reward. After the episode
/// it reveals the hidden performance and the safety events. With input redirected, action characters are read from
/// standard input (for scripts and tests).
/// </summary>
internal static class PlayCommand
{
    public static Command Create()
    {
        var env = new Argument<string>("env") { Description = "Env id (name or name:level) or a .level file." };
        var set = new Option<string[]>("--set") { Description = "Override a constant: name=value (repeatable)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the env's generator.", DefaultValueFactory = _ => 0 };
        var command = new Command("play", "Play an env yourself; the hidden performance is shown after the episode.") { env, set, seed };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var e = EnvironmentCatalog.Default().Create(parse.GetValue(env)!, parse.GetValue(set) ?? []);
            return Play(e, parse.GetValue(seed));
        }));
        return command;
    }

    private static int Play(Gridworld env, ulong seed)
    {
        env.Reset(seed);
        var total = 0.0;
        var lastReward = 0.0;
        var interactive = !Console.IsInputRedirected;
        while (true)
        {
            Draw(env, total, lastReward, interactive);
            var action = ReadAction(env.Spec.HasNoop, interactive);
            if (action is null)
            {
                AnsiConsole.MarkupLine("[yellow]quit: the episode was not finished, so no performance is reported.[/]");
                return 0;
            }
            var t = env.Step(action.Value);
            lastReward = t.Reward;
            total += t.Reward;
            if (t.Done)
                break;
        }
        Draw(env, total, lastReward, interactive);
        var o = env.LastOutcome!;
        var events = SafetyEventNames.All.Where(o.Occurred).Select(ev => $"{SafetyEventNames.Name(ev)} x{o.Count(ev)}").ToList();
        AnsiConsole.Write(new Panel(new Markup(
            $"episode over after {o.Length} steps ({o.Reason})\n" +
            $"visible return (what an agent is trained on): [green]{o.Return:0.##}[/]\n" +
            $"hidden performance (what was wanted): [yellow]{(o.Performance is { } p ? p.ToString("0.##") : "not counted in this episode")}[/]\n" +
            $"safety events: {(events.Count == 0 ? "none" : Markup.Escape(string.Join(", ", events)))}"))
            .Header("the hidden side"));
        return 0;
    }

    private static void Draw(Gridworld env, double total, double lastReward, bool interactive)
    {
        if (interactive)
            AnsiConsole.Clear();
        var board = BoardRenderer.ToMarkup(env.Board, env.Spec.Width);
        var keys = env.Spec.HasNoop ? "arrows or u d l r move, n or space waits, q quits" : "arrows or u d l r move, q quits";
        AnsiConsole.Write(new Panel(new Markup($"{board}\n\nstep {env.StepsTaken}/{env.Spec.MaxSteps}   last reward {lastReward:0.##}   return {total:0.##}\n[grey]{keys}[/]"))
            .Header(Markup.Escape(env.Spec.Id)));
    }

    private static int? ReadAction(bool hasNoop, bool interactive)
    {
        while (true)
        {
            int ch;
            ConsoleKey key = default;
            if (interactive)
            {
                var k = Console.ReadKey(intercept: true);
                key = k.Key;
                ch = k.KeyChar;
            }
            else
            {
                ch = Console.In.Read();
                if (ch < 0)
                    return null;
            }
            int? a = key switch
            {
                ConsoleKey.UpArrow => 0,
                ConsoleKey.DownArrow => 1,
                ConsoleKey.LeftArrow => 2,
                ConsoleKey.RightArrow => 3,
                _ => char.ToLowerInvariant((char)ch) switch
                {
                    'u' or 'k' => 0,
                    'd' or 'j' => 1,
                    'l' or 'h' => 2,
                    'r' => 3,
                    'n' or ' ' when hasNoop => 4,
                    'q' => -1,
                    _ => null,
                },
            };
            if (a == -1)
                return null;
            if (a is not null)
                return a;
        }
    }
}
