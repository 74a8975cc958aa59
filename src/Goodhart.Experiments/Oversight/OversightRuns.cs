using System.Text.Json;
using Goodhart.Core.Runs;

namespace Goodhart.Experiments.Oversight;

/// <summary>Stores one oversight cell as a run: its configuration, its values as metrics (step 0) and the values as the summary.</summary>
public static class OversightRuns
{
    /// <summary>The run kind of an image debate cell.</summary>
    public const string DebateKind = "oversight-debate";

    /// <summary>The run kind of a weak-to-strong cell.</summary>
    public const string WeakToStrongKind = "oversight-w2s";

    /// <summary>Stores a finished run and returns its id.</summary>
    public static string Store(ExperimentContext context, string kind, string env, string agent, object config, IReadOnlyDictionary<string, double> values)
    {
        var run = context.Store.StartRun(kind, env, agent, context.Seed, JsonSerializer.Serialize(config, RecipeJson.Options));
        context.Store.AppendMetrics(run.Id, [.. values.Where(v => double.IsFinite(v.Value)).Select(v => new MetricPoint(v.Key, 0, v.Value))]);
        var summary = values.ToDictionary(v => v.Key, v => double.IsFinite(v.Value) ? (double?)v.Value : null);
        context.Store.FinishRun(run.Id, RunStatus.Finished, JsonSerializer.Serialize(summary));
        return run.Id;
    }
}
