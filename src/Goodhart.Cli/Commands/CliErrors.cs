using Goodhart.Core;
using Goodhart.Core.Levels;
using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;
using Spectre.Console;

namespace Goodhart.Cli.Commands;

/// <summary>
/// The CLI's error contract: errors a user can cause (bad names, malformed files, bad action strings, unusable run
/// stores) become one clear line and exit code 2; cancellation exits 130; anything else is an internal error, one
/// line and exit code 70. With <c>--verbose</c> the stack trace follows the line.
/// </summary>
internal static class CliErrors
{
    /// <summary>A gate failed (e.g. an eval under its threshold).</summary>
    public const int GateFailed = 1;

    /// <summary>Bad input: an option, a name, a file.</summary>
    public const int UsageError = 2;

    /// <summary>A bug: an exception nobody expected (EX_SOFTWARE of sysexits.h).</summary>
    public const int InternalError = 70;

    /// <summary>Cancelled by Ctrl-C, SIGINT or SIGTERM (128 + SIGINT).</summary>
    public const int Cancelled = 130;

    /// <summary>Whether the running command was given <c>--verbose</c> (set by <see cref="Program.Run"/>).</summary>
    public static bool Verbose { get; set; }

    /// <summary>Whether <paramref name="e"/> is the user's doing (a bad name, option or file) rather than a bug.</summary>
    public static bool IsUserError(Exception e) =>
        e is UnknownNameException or LevelFormatException or FormatException or UserInputException or RunStoreException or IOException
            or UnauthorizedAccessException or DatasetFormatException or RaterFormatException or Learning.Rlhf.CheckpointMismatchException;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (IsUserError(e) || e is OperationCanceledException)
        {
            return Report(e, Console.Error, Verbose);
        }
    }

    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception e) when (IsUserError(e) || e is OperationCanceledException)
        {
            return Report(e, Console.Error, Verbose);
        }
    }

    /// <summary>Writes the one line for <paramref name="e"/> (and, when <paramref name="verbose"/>, its trace) and returns the exit code.</summary>
    public static int Report(Exception e, TextWriter error, bool verbose)
    {
        if (e is AggregateException { InnerExceptions.Count: 1 } aggregate)
            e = aggregate.InnerException!;
        int code;
        if (e is OperationCanceledException)
        {
            RestoreTerminal();
            AnsiConsole.MarkupLine(e is Core.Training.RunCancelledException run
                ? $"[yellow]cancelled[/]: run {Markup.Escape(run.RunId)} is stored as cancelled with its {run.Episodes} training episode{(run.Episodes == 1 ? "" : "s")}"
                : "[yellow]cancelled[/]");
            code = Cancelled;
        }
        else if (IsUserError(e))
        {
            error.WriteLine($"error: {OneLine(e.Message)}");
            code = UsageError;
        }
        else
        {
            error.WriteLine($"internal error: {e.GetType().Name}: {OneLine(e.Message)}" + (verbose ? "" : " (run with --verbose for the trace)"));
            code = InternalError;
        }
        if (verbose && code != Cancelled)
            error.WriteLine(e.ToString());
        return code;
    }

    /// <summary>The message on one line.</summary>
    public static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Shows the cursor again (progress displays hide it).</summary>
    public static void RestoreTerminal()
    {
        try
        {
            AnsiConsole.Cursor.Show();
        }
        catch (IOException)
        {
            // No terminal to restore.
        }
    }
}
