using System.Diagnostics;
using Goodhart.Evals.Harness;
using Goodhart.Evals.Metrics;
using Goodhart.Evals.Models;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Logs;

/// <summary>
/// Inspect's <c>inspect score</c>: re-scores a logged run with (possibly different) scorers from the logged
/// conversations and outputs, without calling the model under evaluation. Errored sample-epochs stay errored.
/// </summary>
public static class EvalRescorer
{
    /// <summary>The result of scoring <paramref name="log"/>'s samples with <paramref name="scorers"/>.</summary>
    public static async Task<EvalRunResult> RescoreAsync(EvalLog log, IReadOnlyList<IScorer> scorers, EpochReducer? reducer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(scorers);
        reducer ??= EpochReducer.Parse(log.Reducer);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var results = new List<SampleResult>(log.Samples.Count);
        foreach (var logged in log.Samples)
        {
            if (logged.IsErrored)
            {
                results.Add(logged with { Scores = new Dictionary<string, Score>(StringComparer.Ordinal) });
                continue;
            }
            EvalCallContext.Current = new EvalCallContext(logged.Sample.Id, logged.Epoch);
            var state = Restore(logged);
            var scoreClock = Stopwatch.StartNew();
            var scores = new Dictionary<string, Score>(StringComparer.Ordinal);
            foreach (var scorer in scorers)
                scores[scorer.Name] = await EvalRunner.ScoreSafelyAsync(scorer, state, cancellationToken).ConfigureAwait(false);
            results.Add(logged with { Scores = scores, ScoreTime = scoreClock.Elapsed });
        }
        EvalCallContext.Current = null;
        return new EvalRunResult
        {
            Task = log.Task,
            Model = log.Model,
            Epochs = log.Epochs,
            Reducer = reducer.Name,
            Samples = results,
            Scorers = EvalSummariser.Summarise(scorers, results, reducer),
            StartedUtc = started,
            Duration = clock.Elapsed,
        };
    }

    /// <summary>The task state a logged sample-epoch ended in: its conversation, outputs and store.</summary>
    public static TaskState Restore(SampleResult logged)
    {
        ArgumentNullException.ThrowIfNull(logged);
        var state = new TaskState(logged.Sample, logged.Epoch);
        state.Messages.Clear();
        state.Messages.AddRange(logged.Messages);
        foreach (var output in logged.Outputs)
            state.Outputs.Add(new ChatResponse(new ChatMessage(ChatRole.Assistant, output)));
        foreach (var (k, v) in logged.Store)
            state.Store[k] = v;
        return state;
    }
}
