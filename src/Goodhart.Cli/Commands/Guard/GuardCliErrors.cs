using Goodhart.Core.Rlhf;
using Goodhart.Evals.Guardrails;

namespace Goodhart.Cli.Commands.Guard;

/// <summary>Turns policy, constitution and dataset file errors into one clear line and exit code 2 (then defers to <see cref="CliErrors"/>).</summary>
internal static class GuardCliErrors
{
    public static int Run(Func<int> body) => CliErrors.Run(() =>
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is PolicyFileException or DatasetFormatException or ArgumentException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return CliErrors.UsageError;
        }
    });

    public static Task<int> RunAsync(Func<Task<int>> body) => CliErrors.RunAsync(async () =>
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception e) when (e is PolicyFileException or DatasetFormatException or ArgumentException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return CliErrors.UsageError;
        }
    });
}
