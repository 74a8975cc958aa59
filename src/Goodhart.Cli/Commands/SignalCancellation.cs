using System.Runtime.InteropServices;

namespace Goodhart.Cli.Commands;

/// <summary>
/// Runs a piece of work that stops cleanly on SIGINT or SIGTERM: the first signal cancels the token the work checks
/// (between episodes or updates); a second one ends the process the usual way. The terminal is restored afterwards.
/// </summary>
internal static class SignalCancellation
{
    /// <summary>Runs <paramref name="work"/> with a token that the first SIGINT or SIGTERM cancels.</summary>
    public static T Run<T>(Func<CancellationToken, T> work)
    {
        using var cancellation = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        try
        {
            return work(cancellation.Token);
        }
        finally
        {
            CliErrors.RestoreTerminal();
        }
    }
}
