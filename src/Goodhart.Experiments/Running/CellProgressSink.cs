namespace Goodhart.Experiments.Running;

/// <summary>Forwards a cell's progress reports to the observer synchronously (no synchronisation context involved).</summary>
internal sealed class CellProgressSink(CellJob job, ICellObserver observer) : IProgress<CellProgress>
{
    public void Report(CellProgress value) => observer.Progressed(job, value);
}
