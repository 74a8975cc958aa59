using System.Text.Json;

namespace Goodhart.Web.Workbench.Game;

/// <summary>
/// One game training in progress or done: its setup, the episodes kept for replays, the evaluation curve, its live
/// events (for server-sent events; late subscribers get the history first) and its verdict. Thread-safe.
/// </summary>
public sealed class GameTrainingJob(string id, GameSetup setup, int episodes, ulong seed, int paceMilliseconds)
{
    private readonly Lock _gate = new();
    private readonly List<GameEpisode> _episodes = new(episodes + 16);
    private readonly List<GameCurvePoint> _curve = [];
    private readonly List<GameTrainingEvent> _events = [];
    private TaskCompletionSource _pulse = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _cancel = new();
    private int _watchers;
    private int _watched;

    public string Id { get; } = id;

    public GameSetup Setup { get; } = setup;

    public int EpisodeCount { get; } = episodes;

    public ulong Seed { get; } = seed;

    public int PaceMilliseconds { get; } = paceMilliseconds;

    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    /// <summary><c>running</c>, <c>finished</c>, <c>failed</c> or <c>cancelled</c>.</summary>
    public string Status { get; private set; } = "running";

    public string? Error { get; private set; }

    public GameVerdict? Verdict { get; private set; }

    public bool Done => Status != "running";

    /// <summary>Cancelled by <see cref="Cancel"/> (the last page watching the training went away).</summary>
    public CancellationToken Cancellation => _cancel.Token;

    /// <summary>Why the training was cancelled, when it was.</summary>
    public string? CancelReason { get; private set; }

    /// <summary>Stops the training between episodes (it is stored as cancelled and frees its slot).</summary>
    public void Cancel(string reason)
    {
        lock (_gate)
            CancelReason ??= reason;
        _cancel.Cancel();
    }

    /// <summary>A page started watching the live events.</summary>
    internal void Watch()
    {
        Interlocked.Exchange(ref _watched, 1);
        Interlocked.Increment(ref _watchers);
    }

    /// <summary>Whether a page has ever watched the live events.</summary>
    public bool Watched => Volatile.Read(ref _watched) == 1;

    /// <summary>Cancels the training when it still runs and no page has ever watched it (see <see cref="WorkbenchLimits.UnwatchedTrainingSeconds"/>).</summary>
    internal void CancelIfNeverWatched(string reason)
    {
        if (!Watched && !Done)
            Cancel(reason);
    }

    /// <summary>A page stopped watching; when it was the last one and the training still runs, the training is cancelled.</summary>
    internal void Unwatch()
    {
        if (Interlocked.Decrement(ref _watchers) == 0 && !Done)
            Cancel("the page watching the training went away");
    }

    public int EpisodesDone
    {
        get
        {
            lock (_gate)
                return _episodes.Count(e => !e.Evaluation);
        }
    }

    public IReadOnlyList<GameCurvePoint> Curve
    {
        get
        {
            lock (_gate)
                return [.. _curve];
        }
    }

    public GameEpisode? Episode(int index)
    {
        lock (_gate)
            return index >= 0 && index < _episodes.Count ? _episodes[index] : null;
    }

    public int StoredEpisodes
    {
        get
        {
            lock (_gate)
                return _episodes.Count;
        }
    }

    internal void Add(GameEpisode episode)
    {
        lock (_gate)
            _episodes.Add(episode);
    }

    internal void Add(GameCurvePoint point)
    {
        lock (_gate)
            _curve.Add(point);
    }

    internal void Publish(string type, object payload) => Publish(type, payload, null);

    internal void Finish(string status, GameVerdict? verdict, string? error) =>
        Publish(verdict is null ? "error" : "done", verdict is null ? new ApiError(error ?? status, "training") : verdict, () =>
        {
            Verdict = verdict;
            Error = error;
            Status = status;
        });

    private void Publish(string type, object payload, Action? underLock)
    {
        var json = JsonSerializer.Serialize(payload, payload.GetType(), JsonBody.Options);
        TaskCompletionSource pulse;
        lock (_gate)
        {
            underLock?.Invoke();
            _events.Add(new GameTrainingEvent(type, json));
            pulse = _pulse;
            _pulse = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        pulse.TrySetResult();
    }

    /// <summary>Events from <paramref name="seen"/> on, whether more can come, and a task that completes at the next event.</summary>
    public (IReadOnlyList<GameTrainingEvent> Events, bool Complete, Task Next) EventsSince(int seen)
    {
        lock (_gate)
        {
            var fresh = seen < _events.Count ? _events.GetRange(seen, _events.Count - seen) : [];
            return (fresh, Done, _pulse.Task);
        }
    }
}
