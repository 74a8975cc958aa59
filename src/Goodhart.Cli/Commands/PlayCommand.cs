using System.CommandLine;
using System.Runtime.InteropServices;
using Goodhart.Core.Environments;
using Goodhart.Core.ValueLearning;
using Spectre.Console;

namespace Goodhart.Cli.Commands;

/// <summary>
/// <c>goodhart play ENV</c>: a person plays an env in the terminal with the arrow keys (or u d l r, n or
/// space for NOOP, q to quit), seeing only what an agent sees: the board and the visible reward. After the episode
/// it reveals the hidden performance and the safety events. With input redirected, action characters are read from
/// standard input (for scripts and tests). The cursor is hidden during the game and shown again on every way out. With <c>--record FILE</c> a finished episode is appended to FILE as one
/// line of a play file (<see cref="RecordedPlays"/>: env, overrides, seed, actions), which <c>irl-vs-bc</c> reads as
/// demonstrations.
/// </summary>
internal static class PlayCommand
{
    public static Command Create()
    {
        var env = new Argument<string>("env") { Description = "Env id (name or name:level) or a .level file." };
        var set = new Option<string[]>("--set") { Description = "Override a constant: name=value (repeatable)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the env's generator.", DefaultValueFactory = _ => 0 };
        var record = new Option<string?>("--record") { Description = "Append the finished episode to this play file (JSON Lines: env, seed, actions), for irl-vs-bc's 'plays'." };
        var command = new Command("play", "Play an env yourself; the hidden performance is shown after the episode.") { env, set, seed, record };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var id = parse.GetValue(env)!;
            var overrides = parse.GetValue(set) ?? [];
            var e = EnvironmentCatalog.Default().Create(id, overrides);
            var path = parse.GetValue(record);
            if (path is not null && (Directory.Exists(path) || !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(path)))))
                throw new Core.UserInputException($"--record: cannot write a play file at '{path}' (a folder, or its folder does not exist)");
            var interactive = !Console.IsInputRedirected;
            var console = AnsiConsole.Console;
            // Ctrl-C (or SIGTERM) while a key is awaited ends the process the usual way, with the cursor shown again.
            void OnSignal(PosixSignalContext context) => ShowCursor(console);
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal);
            var played = new List<int>();
            var code = Play(e, parse.GetValue(seed), console, interactive ? ReadConsoleKey : ReadRedirectedKey, interactive, played);
            if (path is not null && e.LastOutcome is not null && played.Count > 0)
            {
                RecordedPlays.Append(path, new RecordedPlay(id, overrides, parse.GetValue(seed), ActionString.Format([.. played]), "goodhart play"));
                console.MarkupLine($"recorded the episode ({played.Count} moves) in [blue]{Markup.Escape(path)}[/]");
            }
            return code;
        }));
        return command;
    }

    /// <summary>
    /// Plays one episode on <paramref name="console"/>, reading keys from <paramref name="readKey"/> (null: input ended).
    /// When <paramref name="interactive"/>, the cursor is hidden while the board is drawn and shown again on every
    /// way out: the episode's end, q, the end of input, an exception.
    /// </summary>
    internal static int Play(Gridworld env, ulong seed, IAnsiConsole console, Func<ConsoleKeyInfo?> readKey, bool interactive, List<int>? played = null)
    {
        if (interactive)
            console.Cursor.Hide();
        try
        {
            return PlayEpisode(env, seed, console, readKey, interactive, played ?? []);
        }
        finally
        {
            if (interactive)
                ShowCursor(console);
        }
    }

    private static int PlayEpisode(Gridworld env, ulong seed, IAnsiConsole console, Func<ConsoleKeyInfo?> readKey, bool interactive, List<int> played)
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
            played.Add(action.Value);
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
