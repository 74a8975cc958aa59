using System.ComponentModel;
using System.Diagnostics;

namespace Goodhart.Core.Runs;

/// <summary>
/// The process that writes a run (machine name with the boot id where the system has one, process id, process start
/// time), recorded when the run starts. A run still marked running whose writer ran on this machine and is gone (the
/// machine has booted since, there is no such process, or the id now belongs to a process started at another time) is
/// reported as <see cref="RunStatus.Interrupted"/>. Writers on other machines cannot be checked: their runs read as
/// running, with <see cref="RunRecord.WriterElsewhere"/> naming the machine, so that a reader can say "running on
/// HOST?" rather than claim the run is alive.
/// </summary>
/// <param name="Host">Machine name.</param>
/// <param name="ProcessId">Process id.</param>
/// <param name="ProcessStartedUtc">When the process started (tells a reused process id apart).</param>
/// <param name="BootId">The system's boot id (Linux: <c>/proc/sys/kernel/random/boot_id</c>); null where there is none.</param>
public sealed record RunWriter(string Host, long ProcessId, DateTimeOffset ProcessStartedUtc, string? BootId = null)
{
    /// <summary>Separates the machine name from the boot id in the store's <c>writer_host</c> column (machine names never hold it).</summary>
    public const char BootSeparator = '#';

    /// <summary>What the store's <c>writer_host</c> column holds: <c>HOST#BOOT-ID</c>, or <c>HOST</c> without a boot id.</summary>
    public string HostRecord => BootId is null ? Host : $"{Host}{BootSeparator}{BootId}";

    /// <summary>The machine name and boot id (null when not recorded) of a <c>writer_host</c> value.</summary>
    public static (string Host, string? BootId) ParseHost(string hostRecord)
    {
        ArgumentNullException.ThrowIfNull(hostRecord);
        var cut = hostRecord.LastIndexOf(BootSeparator);
        return cut < 0 ? (hostRecord, null) : (hostRecord[..cut], hostRecord[(cut + 1)..]);
    }

    /// <summary>The machine a <c>writer_host</c> value names when it is not this machine; null for this machine.</summary>
    public static string? Elsewhere(string hostRecord)
    {
        var (host, _) = ParseHost(hostRecord);
        return string.Equals(host, Current.Host, StringComparison.Ordinal) ? null : host;
    }

    /// <summary>How far two readings of one process's start time may differ.</summary>
    private static readonly TimeSpan StartTolerance = TimeSpan.FromSeconds(2);

    /// <summary>This process.</summary>
    public static RunWriter Current { get; } = Describe();

    /// <summary>Whether a writer on this machine has exited (false when it is alive or cannot be checked); <paramref name="hostRecord"/> is a <c>writer_host</c> value.</summary>
    public static bool IsGone(string hostRecord, long processId, DateTimeOffset processStartedUtc)
    {
        var (host, bootId) = ParseHost(hostRecord);
        if (!string.Equals(host, Current.Host, StringComparison.Ordinal))
            return false;
        if (bootId is not null && Current.BootId is not null && !string.Equals(bootId, Current.BootId, StringComparison.Ordinal))
            return true; // this machine has booted since: every process of that boot is gone
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
        return new RunWriter(Environment.MachineName, Environment.ProcessId, started, ReadBootId());
    }

    private static string? ReadBootId()
    {
        const string path = "/proc/sys/kernel/random/boot_id";
        try
        {
            if (!OperatingSystem.IsLinux() || !File.Exists(path))
                return null;
            var id = File.ReadAllText(path).Trim();
            return id.Length is > 0 and <= 64 && !id.Contains(BootSeparator, StringComparison.Ordinal) ? id : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static DateTimeOffset StartOf(Process process) => new(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
}
