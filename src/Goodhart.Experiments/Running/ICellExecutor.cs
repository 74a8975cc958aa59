namespace Goodhart.Experiments.Running;

/// <summary>
/// Runs cells: the local executor runs them in this process up to a number at once; a cluster executor would ship
/// each <see cref="CellJob"/> (plain data) to a worker that calls the same kind. Kinds never know which one runs them.
/// </summary>
public interface ICellExecutor
{
    /// <summary>How many cells run at once (for progress displays).</summary>
    int Parallelism { get; }

    /// <summary>
    /// Runs every job, reporting to <paramref name="observer"/>. On cancellation it stops starting cells, lets the
    /// running ones stop, and throws <see cref="OperationCanceledException"/>; when a cell fails it stops the same way
    /// and throws a <see cref="CellFailedException"/>. Cells already reported finished stay finished.
    /// </summary>
    Task ExecuteAsync(IReadOnlyList<CellJob> jobs, ICellObserver observer, CancellationToken cancellation);
}
