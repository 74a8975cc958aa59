using System.Diagnostics;
using Goodhart.Core.Runs;

namespace Goodhart.Core.Training;

/// <summary>
/// Writes a run's training episodes to the store as training goes, in batches of <see cref="BatchEpisodes"/> or
/// every <see cref="BatchInterval"/>, whichever comes first, so that a run stopped at any point keeps the episodes
/// it trained (all but the last batch's worth if the process is killed outright).
/// </summary>
public sealed class EpisodeBatchWriter(RunStore store, string runId)
{
    /// <summary>Episodes per batch.</summary>
    public const int BatchEpisodes = 500;

    /// <summary>The longest a finished episode waits before it is written.</summary>
    public static readonly TimeSpan BatchInterval = TimeSpan.FromSeconds(2);

    private readonly List<EpisodeRecord> _pending = [];
    private readonly Stopwatch _sinceFlush = Stopwatch.StartNew();

    /// <summary>Episodes written so far.</summary>
    public int Written { get; private set; }

    /// <summary>Queues <paramref name="episode"/>, writing the batch when it is full or old enough.</summary>
    public void Add(EpisodeRecord episode)
    {
        _pending.Add(episode);
        if (_pending.Count >= BatchEpisodes || _sinceFlush.Elapsed >= BatchInterval)
            Flush();
    }

    /// <summary>Writes what is pending (one transaction).</summary>
    public void Flush()
    {
        if (_pending.Count > 0)
        {
            store.AppendEpisodes(runId, _pending);
            Written += _pending.Count;
            _pending.Clear();
        }
        _sinceFlush.Restart();
    }
}
