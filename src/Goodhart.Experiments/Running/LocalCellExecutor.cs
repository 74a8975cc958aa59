using System.Text.Json;
using Goodhart.Core.Runs;

namespace Goodhart.Experiments.Running;

/// <summary>Runs cells in this process, up to <see cref="Parallelism"/> at once, each on its own thread with its own store connection.</summary>
public sealed class LocalCellExecutor : ICellExecutor
{
    /// <summary>An executor running up to <paramref name="jobs"/> cells at once (1 to <see cref="Recipes.RecipeLimits.MaxJobs"/>).</summary>
    public LocalCellExecutor(int jobs)
    {
        if (jobs is < 1 or > Recipes.RecipeLimits.MaxJobs)
            throw new Core.UserInputException($"--jobs must be between 1 and {Recipes.RecipeLimits.MaxJobs}, got {jobs}");
        Parallelism = jobs;
    }

    /// <summary>The default parallelism for <paramref name="cells"/> cells: min(cores, cells), at least 1.</summary>
    public static int DefaultJobs(int cells) => Math.Clamp(Math.Min(Environment.ProcessorCount, cells), 1, Recipes.RecipeLimits.MaxJobs);

    /// <inheritdoc />
    public int Parallelism { get; }

    /// <inheritdoc />
    public async Task ExecuteAsync(IReadOnlyList<CellJob> jobs, ICellObserver observer, CancellationToken cancellation)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stop.Token };
        CellFailedException? failure = null;
        try
        {
            await Parallel.ForEachAsync(jobs, options, async (job, token) =>
            {
                try
                {
                    await Task.Factory.StartNew(() => RunOne(job, observer, token), token, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Interlocked.CompareExchange(ref failure, e as CellFailedException ?? new CellFailedException(job, e), null);
                    await stop.CancelAsync().ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (failure is not null)
        {
            // A failed cell stopped the others: report the failure, not the cancellation it caused.
        }
        if (failure is not null)
            throw failure;
    }

    private static void RunOne(CellJob job, ICellObserver observer, CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        var kind = ExperimentCatalog.Get(job.Kind);
        var config = JsonSerializer.Deserialize(job.ConfigJson, kind.ConfigType, RecipeJson.Options)!;
        Directory.CreateDirectory(job.WorkDirectory);
        observer.Started(job);
        using var store = RunStore.Open(job.StorePath);
        var progress = new CellProgressSink(job, observer);
        var result = kind.Run(new ExperimentContext(job.CellId, job.Seed, store, job.WorkDirectory, progress, token), config);
        observer.Finished(job, result);
    }
}
