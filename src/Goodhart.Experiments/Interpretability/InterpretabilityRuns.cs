using System.Text.Json;
using Goodhart.Core.Runs;
using Goodhart.Experiments.Rlhf;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// Stores one interpretability cell as a run: its configuration, every named result as a metric at step 0 (and, for
/// results along an axis, at the axis's step), and the results as the stored summary.
/// </summary>
public static class InterpretabilityRuns
{
    /// <summary>Stores a finished run of <paramref name="kind"/> with <paramref name="values"/>; returns its id.</summary>
    public static string Store(RunStore store, RunKind kind, string env, string agent, ulong seed, object config, IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(values);
        var run = store.StartRun(kind, env, agent, seed, JsonSerializer.Serialize(config, config.GetType(), RlhfJson.Config));
        store.AppendMetrics(run.Id, [.. values.Where(v => double.IsFinite(v.Value)).Select(v => new MetricPoint(v.Key, 0, v.Value))]);
        var summary = values.Where(v => double.IsFinite(v.Value)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        store.FinishRun(run.Id, RunStatus.Finished, JsonSerializer.Serialize(summary, RlhfJson.Config));
        return run.Id;
    }
}
