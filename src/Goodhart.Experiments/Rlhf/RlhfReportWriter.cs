using System.Text.Json;
using Goodhart.Core;
using Goodhart.Reports.Rlhf;
using Goodhart.Core.Runs;

namespace Goodhart.Experiments.Rlhf;

/// <summary>Collects stored RLHF runs (by id, or all runs of a work folder) and writes the RLHF report for them.</summary>
public static class RlhfReportWriter
{
    /// <summary>
    /// The RLHF runs whose config names <paramref name="workDir"/> as their work folder, oldest first; of runs with
    /// the same kind, method and seed (a stage run again) only the newest.
    /// </summary>
    public static IReadOnlyList<RunRecord> RunsOf(RunStore store, string workDir)
    {
        var full = Path.GetFullPath(workDir);
        return store.ListRuns(RunFilter.All)
            .Where(r => RlhfMetricNames.IsRlhf(r.Kind) && WorkDirOf(r) == full)
            .DistinctBy(r => (r.Kind, r.Agent, r.Seed))
            .Reverse()
            .ToArray();
    }

    /// <summary>Writes the report for <paramref name="runs"/> and returns the path of its index.html.</summary>
    public static string Write(RunStore store, IReadOnlyList<RunRecord> runs, string output, string title)
    {
        if (runs.Count == 0)
            throw new UserInputException($"no RLHF runs to report in {store.Path}; run `goodhart rlhf bon`, `ppo`, `dpo` or `demo` first");
        var curves = new List<RlhfCurve>();
        var rewardModels = new List<RewardModelAccuracy>();
        foreach (var run in runs)
        {
            if (!RlhfMetricNames.IsRlhf(run.Kind))
                throw new UserInputException($"run {run.Id} is a {run.Kind} run, not an RLHF run; `goodhart report {run.Id}` reports it");
            var metrics = store.GetMetrics(run.Id);
            if (run.Kind == RlhfMetricNames.RewardModelKind)
                rewardModels.AddRange(RewardModelAccuracy.FromRun(run, metrics));
            else if (RlhfCurve.FromRun(run, metrics) is { } curve)
                curves.Add(curve);
        }
        return RlhfReport.Write(title, curves, rewardModels, output)[0];
    }

    private static string? WorkDirOf(RunRecord run)
    {
        try
        {
            using var doc = JsonDocument.Parse(run.ConfigJson);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(RlhfRuns.WorkDirKey, out var dir) ? dir.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
