using System.Text.Json;
using Goodhart.Core.Runs;

namespace Goodhart.Experiments.ValueLearning;

/// <summary>Stores one value-learning cell as a run of kind <see cref="RunKind.ValueLearning"/>: its configuration, and every named value as a metric.</summary>
internal static class ValueLearningRun
{
    /// <summary>Writes the run (finished) and returns the cell's result.</summary>
    public static CellResult Store<TConfig>(ExperimentContext context, string env, string agent, TConfig config, IReadOnlyDictionary<string, double> values)
    {
        var run = context.Store.StartRun(RunKind.ValueLearning, env, agent, context.Seed, JsonSerializer.Serialize(config, RecipeJson.Options));
        context.Store.AppendMetrics(run.Id, [.. values.Select(kv => new MetricPoint(kv.Key, 0, kv.Value))]);
        var summary = JsonSerializer.Serialize(values.Where(kv => double.IsFinite(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value));
        context.Store.FinishRun(run.Id, RunStatus.Finished, summary);
        return new CellResult([run.Id], values);
    }
}
