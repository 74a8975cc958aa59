using Goodhart.Core;
using Goodhart.Core.Levels;
using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;
using Spectre.Console;

namespace Goodhart.Cli.Commands;

/// <summary>Turns the errors a user can cause (bad names, malformed files, bad action strings, unusable run stores) into one clear line and exit code 2.</summary>
internal static class CliErrors
{
    public const int UsageError = 2;

    /// <summary>Whether <paramref name="e"/> is the user's doing (a bad name, option or file) rather than a bug.</summary>
    public static bool IsUserError(Exception e) =>
        e is UnknownNameException or LevelFormatException or FormatException or UserInputException or RunStoreException or IOException
            or DatasetFormatException or RaterFormatException or Learning.Rlhf.CheckpointMismatchException;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (IsUserError(e))
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return UsageError;
        }
    }

    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception e) when (IsUserError(e))
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return UsageError;
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]cancelled[/]");
            return 130;
        }
    }
}
