using Goodhart.Core.Runs;

namespace Goodhart.Experiments.GoalMisgeneralization;

/// <summary>Writes training episodes to the store in batches as they come, so an interrupted cell keeps what it trained.</summary>
internal sealed class EpisodeWriter(RunStore store, string runId)
{
    /// <summary>Episodes per write.</summary>
    public const int BatchEpisodes = 500;

    private readonly List<EpisodeRecord> _pending = [];

    public void Add(EpisodeRecord episode)
    {
        _pending.Add(episode);
        if (_pending.Count >= BatchEpisodes)
            Flush();
    }

    public void Flush()
    {
        if (_pending.Count == 0)
            return;
        store.AppendEpisodes(runId, [.. _pending]);
        _pending.Clear();
    }
}
