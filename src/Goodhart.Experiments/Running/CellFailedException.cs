namespace Goodhart.Experiments.Running;

/// <summary>A cell failed (its kind threw); the message names the cell and the cause. Finished cells are kept, so a rerun resumes.</summary>
public sealed class CellFailedException(CellJob job, Exception inner)
    : Exception($"cell {job.CellId} ({job.Label}) failed: {inner.Message}", inner)
{
    /// <summary>The cell that failed.</summary>
    public CellJob Job { get; } = job;
}
