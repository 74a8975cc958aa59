using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Goodhart.Core;
using Goodhart.Core.Runs;
using Goodhart.Experiments.Recipes;

namespace Goodhart.Experiments.Running;

/// <summary>
/// Runs a planned recipe: skips the cells whose results an earlier run saved (<c>OUT/cells/ID.json</c>), runs the
/// rest on an <see cref="ICellExecutor"/> (each in its work folder <c>OUT/work/ID/</c>), saves each result atomically
/// as it finishes, and at the end writes the report (<c>index.html</c> with the kind's sections and the results
/// table), <c>results.md</c> and <c>results.json</c>, stamped with the code version, recipe, seeds, scale, machine and
/// wall time. Cancelled or failed runs keep every finished cell; running again resumes.
/// </summary>
public static class RecipeRunner
{
    /// <summary>The default output folder: <c>experiments/RECIPE[-SCALE]</c> beside the run store (so <c>goodhart-runs/experiments/...</c> by default).</summary>
    public static string DefaultOutputDirectory(string storePath, RecipePlan plan) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storePath)) ?? ".", "experiments", plan.RunName);

    /// <summary>Runs <paramref name="plan"/>; events go to <paramref name="progress"/> synchronously, from any thread.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; finished cells are saved.</exception>
    /// <exception cref="CellFailedException">A cell failed; the other finished cells are saved.</exception>
    public static async Task<RecipeRunResult> RunAsync(
        RecipePlan plan, RecipeRunOptions options, ICellExecutor executor, IProgress<CellEvent>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var output = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(Path.Combine(output, "cells"));
        Directory.CreateDirectory(Path.Combine(output, "work"));
        var total = plan.Cells.Count;
        var done = new ConcurrentDictionary<string, CellResult>(StringComparer.Ordinal);
        foreach (var cell in plan.Cells)
        {
            if (done.ContainsKey(cell.Id) || CellResultFile.TryRead(output, cell) is not { } saved)
                continue;
            done[cell.Id] = saved;
            progress?.Report(new CellEvent(CellEventKind.Skipped, cell.Id, cell.Label, new CellProgress(1, "saved earlier"), total));
        }
        var skipped = done.Count;

        // Opening checks the store before any cell runs (a bad store is reported, not found out per cell), and the
        // saved cells' runs must be in it.
        using (var store = RunStore.Open(options.StorePath))
            CheckSavedRunsAreStored(output, done, store, options.StorePath);
        var byId = plan.Cells.DistinctBy(c => c.Id).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var jobs = byId.Values.Where(c => !done.ContainsKey(c.Id))
            .Select(c => new CellJob(c.Id, c.Label, plan.Kind.Name, c.ConfigJson, c.Seed, Path.Combine(output, "work", c.Id), options.StorePath))
            .ToList();
        var observer = new RunnerObserver(output, plan, byId, done, progress, total);
        await executor.ExecuteAsync(jobs, observer, cancellation).ConfigureAwait(false);

        var outcomes = plan.Cells.Select(c => new CellOutcome(c.Id, c.GridPoint, c.Seed, c.Config, done[c.Id])).ToList();
        var rows = ResultsTable.From(outcomes);
        var title = plan.Scale is null ? $"Recipe {plan.Recipe.Name}" : $"Recipe {plan.Recipe.Name} (scale {plan.Scale})";
        IReadOnlyList<ReportSection> sections;
        using (var store = RunStore.Open(options.StorePath))
            sections = plan.Kind.Report(new ReportContext(output, store, title), outcomes);
        var stamp = new RunStamp(
            plan.Recipe.Name, plan.Recipe.ContentHash, plan.Kind.Name, plan.Scale, plan.Overrides, plan.Seeds, RunStore.CodeVersion,
            Environment.ProcessorCount, RuntimeInformation.OSDescription, Environment.Version.ToString(), executor.Parallelism,
            total, jobs.Count, skipped, clock.Elapsed.TotalSeconds, options.Command);
        AtomicFile.WriteAllText(Path.Combine(output, "results.md"), ResultsMarkdown.Build(title, stamp, rows));
        AtomicFile.WriteAllText(Path.Combine(output, "results.json"), ResultsJson.Build(stamp, rows, outcomes));
        AtomicFile.WriteAllText(Path.Combine(output, "index.html"), RecipeReportHtml.Build(title, plan.Recipe.Description, stamp, sections, rows));
        return new RecipeRunResult(output, stamp, outcomes, rows);
    }

    /// <summary>
    /// The report reads each cell's runs from the store, so a saved cell whose runs are in another store (the folder's
    /// cells were copied, or run with another <c>--store</c>) is refused here, before any cell runs, rather than after.
    /// </summary>
    /// <exception cref="UserInputException">A saved cell names a run the store does not hold.</exception>
    private static void CheckSavedRunsAreStored(string output, IReadOnlyDictionary<string, CellResult> saved, RunStore store, string storePath)
    {
        foreach (var (cellId, result) in saved.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (result.RunIds.FirstOrDefault(id => !store.Contains(id)) is { } missing)
            {
                throw new UserInputException(
                    $"{CellResultFile.PathOf(output, cellId)}: field run_ids: run '{missing}' is not in the run store {Path.GetFullPath(storePath)}; "
                    + "the cell was saved by a run with another store: pass that store (--store), or delete the cell file to run the cell again");
            }
        }
    }
}
