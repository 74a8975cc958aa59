using System.Text.Json.Nodes;
using Goodhart.Core.Runs;
using Goodhart.Evals.Harness;

namespace Goodhart.Evals.Logs;

/// <summary>
/// Stores a finished eval as one run (kind <c>eval</c>, env = task, agent = model) in the run store, with its metrics
/// as metric points <c>TASK/SCORER/METRIC</c> (step 0), confidence bounds as <c>..._lower</c> / <c>..._upper</c>,
/// counts as <c>TASK/SCORER/scored|unscored|errored</c>, and the per-scorer summary (and log path) as the run's summary JSON.
/// </summary>
public static class EvalRunRecorder
{
    /// <summary>The kind of eval runs.</summary>
    public const string Kind = RunKind.EvalName;

    /// <summary>The metric points of <paramref name="result"/>.</summary>
    public static IReadOnlyList<MetricPoint> MetricPoints(EvalRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var points = new List<MetricPoint>();
        foreach (var s in result.Scorers)
        {
            var prefix = $"{result.Task}/{s.Scorer}/";
            foreach (var m in s.Metrics)
            {
                points.Add(new MetricPoint(prefix + m.Name, 0, m.Value));
                if (m.Lower is { } lower)
                    points.Add(new MetricPoint(prefix + m.Name + "_lower", 0, lower));
                if (m.Upper is { } upper)
                    points.Add(new MetricPoint(prefix + m.Name + "_upper", 0, upper));
            }
            points.Add(new MetricPoint(prefix + "scored", 0, s.Scored));
            points.Add(new MetricPoint(prefix + "unscored", 0, s.Unscored));
            points.Add(new MetricPoint(prefix + "errored", 0, s.Errored));
        }
        return points;
    }

    /// <summary>Records <paramref name="result"/> in <paramref name="store"/> after the fact and returns the run's id.</summary>
    public static string Record(RunStore store, EvalRunResult result, JsonObject config, ulong seed, string? logPath)
    {
        ArgumentNullException.ThrowIfNull(result);
        var id = Start(store, result.Task, result.Model, config, seed);
        Finish(store, id, result, logPath);
        return id;
    }

    /// <summary>Starts a run (status <c>running</c>) before the eval, so its times span the eval; returns its id.</summary>
    public static string Start(RunStore store, string task, string model, JsonObject config, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(config);
        return store.StartRun(RunKind.Eval, task, model, seed, config.ToJsonString()).Id;
    }

    /// <summary>Stores the metrics and summary of a started run and marks it finished.</summary>
    public static void Finish(RunStore store, string runId, EvalRunResult result, string? logPath)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(result);
        store.AppendMetrics(runId, MetricPoints(result));
        var summary = EvalLogJson.Summary(result);
        summary["log"] = logPath;
        store.FinishRun(runId, RunStatus.Finished, summary.ToJsonString());
    }
}
