using System.Collections.Concurrent;
using Goodhart.Experiments.Recipes;

namespace Goodhart.Experiments.Running;

/// <summary>The runner's side of an executor: saves each finished cell's result atomically and forwards events.</summary>
internal sealed class RunnerObserver(
    string output,
    RecipePlan plan,
    IReadOnlyDictionary<string, PlannedCell> cells,
    ConcurrentDictionary<string, CellResult> done,
    IProgress<CellEvent>? progress,
    int total) : ICellObserver
{
    public void Started(CellJob job) =>
        progress?.Report(new CellEvent(CellEventKind.Started, job.CellId, job.Label, new CellProgress(0, "started"), total));

    public void Progressed(CellJob job, CellProgress value) =>
        progress?.Report(new CellEvent(CellEventKind.Progressed, job.CellId, job.Label, value, total));

    public void Finished(CellJob job, CellResult result)
    {
        CellResultFile.Write(output, cells[job.CellId], plan.Kind.Name, result);
        done[job.CellId] = result;
        progress?.Report(new CellEvent(CellEventKind.Finished, job.CellId, job.Label, new CellProgress(1, "finished"), total));
    }
}
