namespace Goodhart.Web.Workbench;

/// <summary>
/// Bounds on the work a request may cause: no request can start unbounded training. Every training and play request
/// is checked against these before anything runs.
/// </summary>
public sealed record WorkbenchLimits
{
    /// <summary>Most training episodes one game training may ask for.</summary>
    public int MaxEpisodes { get; init; } = 5000;

    /// <summary>Game trainings that may run at the same time; more are refused with 429.</summary>
    public int MaxConcurrentTrainings { get; init; } = 2;

    /// <summary>Finished trainings kept in memory for replays (oldest dropped first).</summary>
    public int TrainingsKept { get; init; } = 16;

    /// <summary>Most actions one keyboard play may send (episodes end at the env's step cap anyway).</summary>
    public int MaxPlayActions { get; init; } = 200;

    /// <summary>Longest pause between live updates a client may ask for, in milliseconds.</summary>
    public int MaxPaceMilliseconds { get; init; } = 500;

    /// <summary>
    /// Seconds a paced training (one with pauses between live updates, for a page to watch) may run before a page
    /// watches its live events; one that no page has watched by then is cancelled and frees its slot.
    /// </summary>
    public int UnwatchedTrainingSeconds { get; init; } = 10;

    /// <summary>Largest absolute value a reward constant or term may be set to.</summary>
    public double MaxRewardMagnitude { get; init; } = 1000;

    /// <summary>
    /// Rating sessions kept at once. When all are taken a new one replaces the longest idle session that has been
    /// idle for <see cref="RatingSessionIdleSeconds"/>; with none that idle, it is refused with 429 and Retry-After.
    /// </summary>
    public int RatingSessionsKept { get; init; } = 8;

    /// <summary>Seconds without a request after which a rating session may be dropped to make room for a new one.</summary>
    public int RatingSessionIdleSeconds { get; init; } = 600;

    /// <summary>New rating sessions one client (by remote address) may start per minute; more get 429 with Retry-After.</summary>
    public int RatingSessionsPerClientPerMinute { get; init; } = 6;

    /// <summary>Reward-model trainings from rating sessions that may run at the same time.</summary>
    public int MaxConcurrentRatingTrainings { get; init; } = 1;

    /// <summary>
    /// Overseer sessions ("be the overseer") kept at once; when all are taken a new one replaces the longest idle
    /// session that has been idle for <see cref="OverseerSessionIdleSeconds"/>, else it is refused with 429.
    /// </summary>
    public int OverseerSessionsKept { get; init; } = 8;

    /// <summary>Seconds without a request after which an overseer session may be dropped to make room for a new one.</summary>
    public int OverseerSessionIdleSeconds { get; init; } = 600;

    /// <summary>New overseer sessions one client (by remote address) may start per minute; more get 429 with Retry-After.</summary>
    public int OverseerSessionsPerClientPerMinute { get; init; } = 6;

    /// <summary>Overseer agent trainings (session starts and updates) that may run at the same time; more get 429.</summary>
    public int MaxConcurrentOverseerTrainings { get; init; } = 1;

    /// <summary>Rendered plot PNGs kept in memory (least recently used dropped first).</summary>
    public int PlotCacheEntries { get; init; } = 64;

    /// <summary>Most bytes of rendered plot PNGs kept in memory.</summary>
    public long PlotCacheBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>
    /// Most bytes one download of runs (CSV or JSON) may hold; a larger one is refused with 413 naming this limit
    /// (<c>goodhart runs export</c> writes to a file and has no such limit).
    /// </summary>
    public long MaxDownloadBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Most episodes a run's detail returns per series (longer runs are averaged into this many bins).</summary>
    public int MaxSeriesPoints { get; init; } = 2000;
}
