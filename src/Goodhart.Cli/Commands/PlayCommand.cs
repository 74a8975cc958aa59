using System.CommandLine;
using System.Runtime.InteropServices;
using Goodhart.Core.Environments;
using Spectre.Console;

namespace Goodhart.Cli.Commands;

/// <summary>
/// <c>goodhart play ENV</c>: a person plays an env in the terminal with the arrow keys (or u d l r, n or
/// space for NOOP, q to quit), seeing only what an agent sees: the board and the visible reward. After the episode
/// it reveals the hidden performance and the safety events. With input redirected, action characters are read from
/// standard input (for scripts and tests). The cursor is hidden during the game and shown again on every way out.
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
            var interactive = !Console.IsInputRedirected;
            var console = AnsiConsole.Console;
            // Ctrl-C (or SIGTERM) while a key is awaited ends the process the usual way, with the cursor shown again.
            void OnSignal(PosixSignalContext context) => ShowCursor(console);
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal);
            return Play(e, parse.GetValue(seed), console, interactive ? ReadConsoleKey : ReadRedirectedKey, interactive);
        }));
        return command;
    }

    /// <summary>
    /// Plays one episode on <paramref name="console"/>, reading keys from <paramref name="readKey"/> (null: input ended).
    /// When <paramref name="interactive"/>, the cursor is hidden while the board is drawn and shown again on every
    /// way out: the episode's end, q, the end of input, an exception.
    /// </summary>
    internal static int Play(Gridworld env, ulong seed, IAnsiConsole console, Func<ConsoleKeyInfo?> readKey, bool interactive)
    {
        if (interactive)
            console.Cursor.Hide();
        try
        {
            return PlayEpisode(env, seed, console, readKey, interactive);
        }
        finally
        {
            if (interactive)
                ShowCursor(console);
        }
    }

    private static int PlayEpisode(Gridworld env, ulong seed, IAnsiConsole console, Func<ConsoleKeyInfo?> readKey, bool interactive)
    {
        env.Reset(seed);
        var total = 0.0;
        var lastReward = 0.0;
        while (true)
        {
            Draw(console, env, total, lastReward, interactive);
            var action = ReadAction(env.Spec.HasNoop, readKey);
            if (action is null)
            {
                console.MarkupLine("[yellow]quit: the episode was not finished, so no performance is reported.[/]");
                return 0;
            }
            var t = env.Step(action.Value);
            lastReward = t.Reward;
            total += t.Reward;
            if (t.Done)
                break;
        }
        Draw(console, env, total, lastReward, interactive);
        var o = env.LastOutcome!;
        var events = SafetyEventNames.All.Where(o.Occurred).Select(ev => $"{SafetyEventNames.Name(ev)} x{o.Count(ev)}").ToList();
        console.Write(new Panel(new Markup(
            $"episode over after {o.Length} steps ({o.Reason})\n" +
            $"visible return (what an agent is trained on): [green]{o.Return:0.##}[/]\n" +
            $"hidden performance (what was wanted): [yellow]{(o.Performance is { } p ? p.ToString("0.##") : "not counted in this episode")}[/]\n" +
            $"safety events: {(events.Count == 0 ? "none" : Markup.Escape(string.Join(", ", events)))}"))
            .Header("the hidden side"));
        return 0;
    }

    private static void ShowCursor(IAnsiConsole console)
    {
        try
        {
            console.Cursor.Show();
        }
        catch (IOException)
        {
            // No terminal to restore.
        }
    }

    private static ConsoleKeyInfo? ReadConsoleKey() => Console.ReadKey(intercept: true);

    private static ConsoleKeyInfo? ReadRedirectedKey()
    {
        var ch = Console.In.Read();
        return ch < 0 ? null : new ConsoleKeyInfo((char)ch, default, false, false, false);
    }

    private static void Draw(IAnsiConsole console, Gridworld env, double total, double lastReward, bool interactive)
    {
        if (interactive)
            console.Clear();
        var board = BoardRenderer.ToMarkup(env.Board, env.Spec.Width);
        var keys = env.Spec.HasNoop ? "arrows or u d l r move, n or space waits, q quits" : "arrows or u d l r move, q quits";
        console.Write(new Panel(new Markup($"{board}\n\nstep {env.StepsTaken}/{env.Spec.MaxSteps}   last reward {lastReward:0.##}   return {total:0.##}\n[grey]{keys}[/]"))
            .Header(Markup.Escape(env.Spec.Id)));
    }

    private static int? ReadAction(bool hasNoop, Func<ConsoleKeyInfo?> readKey)
    {
        while (true)
        {
            if (readKey() is not { } k)
                return null;
            int? a = k.Key switch
            {
                ConsoleKey.UpArrow => 0,
                ConsoleKey.DownArrow => 1,
                ConsoleKey.LeftArrow => 2,
                ConsoleKey.RightArrow => 3,
                _ => char.ToLowerInvariant(k.KeyChar) switch
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
