namespace Goodhart.Core.Runs;

/// <summary>The states a stored run can be in.</summary>
public static class RunStatus
{
    /// <summary>Started and not finished (or the process died before finishing it).</summary>
    public const string Running = "running";

    /// <summary>Completed normally.</summary>
    public const string Finished = "finished";

    /// <summary>Stopped by an error.</summary>
    public const string Failed = "failed";

    /// <summary>Stopped by the user.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>
    /// Left <c>running</c> by a process that is gone (killed, crashed, machine rebooted): derived when the run is read,
    /// never written, for runs written by a process on this machine.
    /// </summary>
    public const string Interrupted = "interrupted";

    /// <summary>Every state a run can be shown in.</summary>
    public static readonly IReadOnlyList<string> All = [Running, Finished, Failed, Cancelled, Interrupted];

    /// <summary>The states a run can be finished with.</summary>
    public static readonly IReadOnlyList<string> Final = [Finished, Failed, Cancelled];
}
