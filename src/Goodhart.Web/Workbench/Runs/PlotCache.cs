using Goodhart.Core.Runs;

namespace Goodhart.Web.Workbench.Runs;

/// <summary>
/// Rendered run plots kept in memory, keyed by run id, plot and the run's last change (status, finish time and
/// episode count), so a plot is drawn once per change instead of on every request. Holds at most
/// <see cref="WorkbenchLimits.PlotCacheEntries"/> PNGs and <see cref="WorkbenchLimits.PlotCacheBytes"/> bytes; the
/// least recently used go first. Thread-safe.
/// </summary>
internal sealed class PlotCache(WorkbenchLimits limits)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, byte[]? Png)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, byte[]? Png)> _recency = new();
    private long _bytes;
    private int _renders;

    /// <summary>Plots drawn so far (cache misses).</summary>
    public int Renders => Volatile.Read(ref _renders);

    /// <summary>PNGs held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
                return _entries.Count;
        }
    }

    /// <summary>The plot's PNG (null when the run has nothing to draw in it), from the cache when the run has not changed.</summary>
    public byte[]? Get(RunStore store, RunRecord run, string plot)
    {
        var key = string.Join('|', run.Id, plot, run.Status, run.FinishedUtc?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "-",
            store.CountEpisodes(run.Id).ToString(System.Globalization.CultureInfo.InvariantCulture));
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var hit))
            {
                _recency.Remove(hit);
                _recency.AddFirst(hit);
                return hit.Value.Png;
            }
        }
        var png = RunPlots.Render(store, run, plot);
        Interlocked.Increment(ref _renders);
        lock (_gate)
        {
            if (!_entries.ContainsKey(key) && (png?.Length ?? 0) <= limits.PlotCacheBytes && limits.PlotCacheEntries > 0)
            {
                _entries[key] = _recency.AddFirst((key, png));
                _bytes += png?.Length ?? 0;
                while (_entries.Count > limits.PlotCacheEntries || _bytes > limits.PlotCacheBytes)
                {
                    var last = _recency.Last!;
                    _recency.RemoveLast();
                    _entries.Remove(last.Value.Key);
                    _bytes -= last.Value.Png?.Length ?? 0;
                }
            }
        }
        return png;
    }
}
