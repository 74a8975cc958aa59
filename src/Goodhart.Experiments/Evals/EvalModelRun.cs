using System.Text.Json.Nodes;
using Goodhart.Core.Runs;
using Goodhart.Evals.Harness;
using Goodhart.Evals.Logs;
using Microsoft.Extensions.AI;

namespace Goodhart.Experiments.Evals;

/// <summary>
/// One model evaluated on one task, end to end, the one way both <c>goodhart eval</c> and the <c>eval</c> experiment
/// kind do it: a run is started in the store (so its times span the eval), every sample-epoch is streamed to a JSONL
/// log as it finishes, the summary and an HTML report are written beside the log, and the run is finished with the
/// metrics (or marked cancelled or failed when the eval throws).
/// </summary>
public static class EvalModelRun
{
    /// <summary>Runs <paramref name="task"/> against <paramref name="client"/> (named <paramref name="label"/> in logs and the store).</summary>
    /// <param name="task">The task (dataset, solver chain, scorers).</param>
    /// <param name="client">The model under evaluation; <see cref="EvalRunOptions.Calls"/> wraps it in timeout, retries and cache.</param>
    /// <param name="label">The model's name in the log, the report and the stored run.</param>
    /// <param name="options">How the runner runs the task; its <see cref="EvalRunOptions.OnSampleCompleted"/> is replaced.</param>
    /// <param name="config">The run's complete configuration, written to the log's header and the stored run.</param>
    /// <param name="store">Where the run is stored.</param>
    /// <param name="logFolder">Folder of the JSONL log and the HTML report (created when missing).</param>
    /// <param name="seed">The run's seed (as stored).</param>
    /// <param name="progress">Given the number of sample-epochs, a callback for each finished one (after it is logged); null for none.</param>
    /// <param name="cancellationToken">Stops the eval; the run is stored as cancelled.</param>
    public static async Task<EvalModelRunResult> RunAsync(
        EvalTask task, IChatClient client, string label, EvalRunOptions options, JsonObject config, RunStore store, string logFolder, ulong seed,
        Func<int, Action<SampleResult>>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(options);
        using var log = EvalLogWriter.Create(logFolder, task.Name, label, options.Epochs ?? task.Epochs, options.Reducer.Name, config);
        var runId = EvalRunRecorder.Start(store, task.Name, label, config, seed);
        EvalRunResult result;
        try
        {
            var total = Math.Min(task.Dataset.Count, options.Limit ?? int.MaxValue) * (options.Epochs ?? task.Epochs);
            var next = progress?.Invoke(total);
            void OnSample(SampleResult sample)
            {
                log.WriteSample(sample);
                next?.Invoke(sample);
            }
            result = await new EvalRunner(options with { ModelName = label, OnSampleCompleted = OnSample }).RunAsync(task, client, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            store.FinishRun(runId, e is OperationCanceledException ? RunStatus.Cancelled : RunStatus.Failed, null);
            throw;
        }
        log.WriteSummary(result);
        var report = Path.ChangeExtension(log.Path, ".html");
        EvalHtmlReport.Write(result, report, log.Path);
        EvalRunRecorder.Finish(store, runId, result, log.Path);
        return new EvalModelRunResult(result, runId, log.Path, report);
    }
}
