using System.Diagnostics;
using Goodhart.Evals.Models;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Harness;

/// <summary>
/// Runs an <see cref="EvalTask"/> against a model (Inspect's eval loop): every sample for every epoch through the
/// solver chain and the scorers, at most <see cref="EvalRunOptions.MaxConcurrency"/> at a time, the model wrapped with
/// the cache, retries and timeout of <see cref="EvalRunOptions.Calls"/>. A failing chain marks its sample-epoch
/// errored (it is not scored); a throwing scorer leaves it unscored. Results come back in dataset then epoch order
/// whatever the concurrency.
/// </summary>
public sealed class EvalRunner
{
    /// <summary>A runner with <paramref name="options"/>.</summary>
    public EvalRunner(EvalRunOptions? options = null)
    {
        Options = options ?? new EvalRunOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxConcurrency, 1);
        if (Options.Epochs is { } e)
            ArgumentOutOfRangeException.ThrowIfLessThan(e, 1);
        if (Options.Limit is { } l)
            ArgumentOutOfRangeException.ThrowIfNegative(l);
    }

    /// <summary>The options.</summary>
    public EvalRunOptions Options { get; }

    /// <summary>Runs <paramref name="task"/> against <paramref name="model"/>.</summary>
    public async Task<EvalRunResult> RunAsync(EvalTask task, IChatClient model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(model);
        var duplicate = task.Scorers.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"task '{task.Name}' has two scorers named '{duplicate.Key}'", nameof(task));
        var duplicateId = task.Dataset.GroupBy(s => s.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicateId is not null)
            throw new ArgumentException($"task '{task.Name}' has two samples with id '{duplicateId.Key}'", nameof(task));
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var epochs = Options.Epochs ?? task.Epochs;
        if (epochs < Options.Reducer.MinEpochs)
            throw new ArgumentException($"epoch reducer {Options.Reducer.Name} needs at least {Options.Reducer.MinEpochs} epochs, the run has {epochs}", nameof(task));
        var samples = Options.Limit is { } limit ? task.Dataset.Take(limit).ToList() : [.. task.Dataset];
        var wrapped = model.WithEvalMiddleware(Options.Calls);
        var context = new SolverContext(wrapped, Options.Generation, Options.SamplingSeed);
        var results = new SampleResult[samples.Count * epochs];
        var emitter = new OrderedEmitter(results, Options.OnSampleCompleted);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, results.Length), parallel, async (slot, ct) =>
        {
            var result = await RunOneAsync(task, samples[slot / epochs], slot / epochs, (slot % epochs) + 1, context, ct).ConfigureAwait(false);
            emitter.Complete(slot, result);
        }).ConfigureAwait(false);
        return new EvalRunResult
        {
            Task = task.Name,
            Model = Options.ModelName ?? model.GetService<ChatClientMetadata>()?.DefaultModelId ?? "unknown",
            Epochs = epochs,
            Reducer = Options.Reducer.Name,
            Samples = results,
            Scorers = EvalSummariser.Summarise(task.Scorers, results, Options.Reducer),
            StartedUtc = started,
            Duration = clock.Elapsed,
        };
    }

    private static async Task<SampleResult> RunOneAsync(EvalTask task, EvalSample sample, int index, int epoch, SolverContext context, CancellationToken cancellationToken)
    {
        var call = new EvalCallContext(sample.Id, epoch);
        EvalCallContext.Current = call;
        var started = DateTimeOffset.UtcNow;
        var state = new TaskState(sample, epoch);
        var clock = Stopwatch.StartNew();
        string? error = null;
        try
        {
            foreach (var solver in task.Solvers)
            {
                if (state.Completed)
                    break;
                await solver.SolveAsync(state, context, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error = $"{e.GetType().Name}: {e.Message}";
        }
        var solveTime = clock.Elapsed;
        clock.Restart();
        var scores = new Dictionary<string, Score>(StringComparer.Ordinal);
        if (error is null)
        {
            foreach (var scorer in task.Scorers)
                scores[scorer.Name] = await ScoreSafelyAsync(scorer, state, cancellationToken).ConfigureAwait(false);
        }
        return new SampleResult
        {
            Sample = sample,
            SampleIndex = index,
            Epoch = epoch,
            Messages = [.. state.Messages],
            Outputs = [.. state.Outputs.Select(o => o.Text)],
            Scores = scores,
            Store = new Dictionary<string, string>(state.Store, StringComparer.Ordinal),
            Error = error,
            StartedUtc = started,
            SolveTime = solveTime,
            ScoreTime = clock.Elapsed,
            Retries = call.Retries,
            InputTokens = state.Outputs.Sum(o => o.Usage?.InputTokenCount ?? 0),
            OutputTokens = state.Outputs.Sum(o => o.Usage?.OutputTokenCount ?? 0),
        };
    }

    /// <summary>A scorer's verdict; a scorer that throws (against its contract) leaves the sample unscored with the reason.</summary>
    internal static async Task<Score> ScoreSafelyAsync(IScorer scorer, TaskState state, CancellationToken cancellationToken)
    {
        try
        {
            return await scorer.ScoreAsync(state, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Score.Unscored($"scorer {scorer.Name} threw {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Hands finished results to a callback one at a time, in slot order, as soon as every earlier slot is done.</summary>
    private sealed class OrderedEmitter(SampleResult[] results, Action<SampleResult>? callback)
    {
        private readonly Lock _gate = new();
        private readonly bool[] _done = new bool[results.Length];
        private int _next;

        public void Complete(int slot, SampleResult result)
        {
            lock (_gate)
            {
                results[slot] = result;
                _done[slot] = true;
                while (_next < results.Length && _done[_next])
                {
                    callback?.Invoke(results[_next]);
                    _next++;
                }
            }
        }
    }
}
