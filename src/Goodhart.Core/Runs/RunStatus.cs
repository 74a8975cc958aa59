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

    /// <summary>The states a run can be finished with.</summary>
    public static readonly IReadOnlyList<string> Final = [Finished, Failed, Cancelled];
}
