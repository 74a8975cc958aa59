namespace Goodhart.Experiments.Running;

/// <summary>What an executor tells the runner about the cells it runs; calls may come from several threads at once.</summary>
public interface ICellObserver
{
    /// <summary>The cell started.</summary>
    void Started(CellJob job);

    /// <summary>The cell reported progress.</summary>
    void Progressed(CellJob job, CellProgress progress);

    /// <summary>The cell finished with <paramref name="result"/>; the runner saves it before this returns.</summary>
    void Finished(CellJob job, CellResult result);
}
