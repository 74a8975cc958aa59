namespace Goodhart.Core.Training;

/// <summary>A stored run was cancelled; it is marked <c>cancelled</c> in the store with the episodes it trained.</summary>
public sealed class RunCancelledException(string runId, int episodes, CancellationToken token)
    : OperationCanceledException($"run {runId} was cancelled; it keeps its {episodes} training episodes", token)
{
    /// <summary>The cancelled run.</summary>
    public string RunId { get; } = runId;

    /// <summary>Training episodes stored before it stopped.</summary>
    public int Episodes { get; } = episodes;
}
