using System.ComponentModel;
using System.Diagnostics;

namespace Goodhart.Core.Runs;

/// <summary>
/// The process that writes a run (machine name, process id, process start time), recorded when the run starts. A run
/// still marked running whose writer ran on this machine and is gone (no such process, or the id now belongs to a
/// process started at another time) is reported as <see cref="RunStatus.Interrupted"/>. Writers on other machines
/// cannot be checked; their runs read as running until they finish.
/// </summary>
/// <param name="Host">Machine name.</param>
/// <param name="ProcessId">Process id.</param>
/// <param name="ProcessStartedUtc">When the process started (tells a reused process id apart).</param>
public sealed record RunWriter(string Host, long ProcessId, DateTimeOffset ProcessStartedUtc)
{
    /// <summary>How far two readings of one process's start time may differ.</summary>
    private static readonly TimeSpan StartTolerance = TimeSpan.FromSeconds(2);

    /// <summary>This process.</summary>
    public static RunWriter Current { get; } = Describe();

    /// <summary>Whether a writer on this machine has exited (false when it is alive or cannot be checked).</summary>
    public static bool IsGone(string host, long processId, DateTimeOffset processStartedUtc)
    {
        if (!string.Equals(host, Current.Host, StringComparison.Ordinal))
            return false;
        if (processId == Current.ProcessId)
            return (Current.ProcessStartedUtc - processStartedUtc).Duration() > StartTolerance;
        try
        {
            using var process = Process.GetProcessById(checked((int)processId));
            return process.HasExited || (StartOf(process) - processStartedUtc).Duration() > StartTolerance;
        }
        catch (ArgumentException)
        {
            return true; // no process with this id
        }
        catch (OverflowException)
        {
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            return false; // cannot tell: keep showing it as running
        }
    }

    private static RunWriter Describe()
    {
        using var self = Process.GetCurrentProcess();
        DateTimeOffset started;
        try
        {
            started = StartOf(self);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            started = DateTimeOffset.UnixEpoch;
        }
        return new RunWriter(Environment.MachineName, Environment.ProcessId, started);
    }

    private static DateTimeOffset StartOf(Process process) => new(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
}
