using System.Collections.Concurrent;
using Goodhart.Core.Runs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Goodhart.Web.Workbench.Game;

/// <summary>
/// Runs game trainings in the background, at most <see cref="WorkbenchLimits.MaxConcurrentTrainings"/> at a time,
/// and keeps the last <see cref="WorkbenchLimits.TrainingsKept"/> for replays. Stops them when the server stops, and
/// stops one when the last page watching its live events goes away (<see cref="GameTrainingJob.Cancel"/>), so a
/// closed tab frees its slot; a paced training that no page has watched within
/// <see cref="WorkbenchLimits.UnwatchedTrainingSeconds"/> is stopped too (its pauses are there for a page to watch).
/// </summary>
public sealed class GameTrainingService(RunStore store, WorkbenchLimits limits, IHostApplicationLifetime lifetime)
{
    private readonly ConcurrentDictionary<string, GameTrainingJob> _jobs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots = new(limits.MaxConcurrentTrainings, limits.MaxConcurrentTrainings);
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);
    private int _counter;

    /// <summary>Starts a training, or returns null when all training slots are busy.</summary>
    public GameTrainingJob? TryStart(GameSetup setup, int episodes, ulong seed, int paceMilliseconds)
    {
        if (!_slots.Wait(0))
            return null;
        var id = $"t{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..6]}";
        var job = new GameTrainingJob(id, setup, episodes, seed, paceMilliseconds);
        _jobs[id] = job;
        Evict();
        _running[id] = Task.Run(() =>
        {
            try
            {
                using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping, job.Cancellation);
                GameTrainer.Run(job, store, cancellation.Token);
            }
            finally
            {
                _running.TryRemove(id, out _);
                _slots.Release();
            }
        });
        if (paceMilliseconds > 0)
            _ = CancelIfNeverWatchedAsync(job);
        return job;
    }

    private async Task CancelIfNeverWatchedAsync(GameTrainingJob job)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, limits.UnwatchedTrainingSeconds)), lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException)
        {
            return; // the server is stopping, which stops the training anyway
        }
        job.CancelIfNeverWatched($"no page watched the paced training within {limits.UnwatchedTrainingSeconds} s");
    }

    /// <summary>Waits (at most <paramref name="timeout"/>) for running trainings to stop, before the store is closed.</summary>
    public void Drain(TimeSpan timeout) => Task.WaitAll([.. _running.Values], timeout);

    public GameTrainingJob? Find(string id) => _jobs.TryGetValue(id, out var job) ? job : null;

    private void Evict()
    {
        foreach (var old in _jobs.Values.Where(j => j.Done).OrderBy(j => j.Started).Take(Math.Max(0, _jobs.Count - limits.TrainingsKept)).ToList())
            _jobs.TryRemove(old.Id, out _);
    }
}
