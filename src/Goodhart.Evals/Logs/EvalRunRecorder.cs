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
    public const string Kind = "eval";

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

    /// <summary>Records <paramref name="result"/> in <paramref name="store"/> and returns the run's id.</summary>
    public static string Record(RunStore store, EvalRunResult result, JsonObject config, ulong seed, string? logPath)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(config);
        var run = store.StartRun(Kind, result.Task, result.Model, seed, config.ToJsonString());
        store.AppendMetrics(run.Id, MetricPoints(result));
        var summary = EvalLogJson.Summary(result);
        summary["log"] = logPath;
        store.FinishRun(run.Id, RunStatus.Finished, summary.ToJsonString());
        return run.Id;
    }
}
