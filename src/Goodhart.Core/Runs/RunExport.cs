namespace Goodhart.Core.Runs;

/// <summary>A run with everything stored for it, ready to export.</summary>
public sealed record RunExport(RunRecord Run, IReadOnlyList<EpisodeRecord> Episodes, IReadOnlyList<MetricPoint> Metrics)
{
    /// <summary>Loads runs by id or unique id prefix, in the order given.</summary>
    public static IReadOnlyList<RunExport> Load(RunStore store, IEnumerable<string> idsOrPrefixes)
    {
        ArgumentNullException.ThrowIfNull(store);
        return [.. idsOrPrefixes.Select(store.GetRun).Select(r => new RunExport(r, store.GetEpisodes(r.Id), store.GetMetrics(r.Id)))];
    }
}
