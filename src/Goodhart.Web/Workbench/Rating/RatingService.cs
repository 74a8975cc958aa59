using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Goodhart.Web.Workbench.Rating;

/// <summary>
/// Keeps the workbench's rating sessions (at most <see cref="WorkbenchLimits.RatingSessionsKept"/>; a new one only
/// replaces a session idle for <see cref="WorkbenchLimits.RatingSessionIdleSeconds"/>, never one in progress), limits
/// each client to <see cref="WorkbenchLimits.RatingSessionsPerClientPerMinute"/> new sessions a minute (both refusals
/// are 429 with Retry-After), and bounds reward-model trainings to
/// <see cref="WorkbenchLimits.MaxConcurrentRatingTrainings"/> at a time.
/// <see cref="Available"/> is false when the host was built without a rating service.
/// </summary>
internal sealed class RatingService(IRatingSessionFactory? factory, WorkbenchLimits limits)
{
    private readonly ConcurrentDictionary<string, RatingWorkbenchSession> _sessions = new(StringComparer.Ordinal);
    private readonly ClientStartLimiter _starts = new(limits.RatingSessionsPerClientPerMinute, "rating");
    private readonly Lock _gate = new();

    public SemaphoreSlim TrainingSlots { get; } = new(limits.MaxConcurrentRatingTrainings, limits.MaxConcurrentRatingTrainings);

    public bool Available => factory is not null;

    /// <summary>Starts a session for <paramref name="client"/>, or throws a 429 <see cref="WorkbenchInputException"/> with the seconds to wait.</summary>
    public RatingWorkbenchSession Start(int seed, string client)
    {
        var f = factory ?? throw Unavailable();
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow;
            _starts.Check(client, now);
            if (_sessions.Count >= limits.RatingSessionsKept)
            {
                var idle = TimeSpan.FromSeconds(limits.RatingSessionIdleSeconds);
                var oldest = _sessions.Values.MinBy(x => x.LastActive)!;
                if (now - oldest.LastActive < idle)
                {
                    var wait = Math.Max(1, (int)Math.Ceiling((oldest.LastActive + idle - now).TotalSeconds));
                    throw new WorkbenchInputException("session",
                        $"all {limits.RatingSessionsKept} rating sessions are in use; one frees up after {limits.RatingSessionIdleSeconds} s without activity (in about {wait} s)",
                        StatusCodes.Status429TooManyRequests) { RetryAfterSeconds = wait };
                }
                _sessions.TryRemove(oldest.Id, out _);
            }
            _starts.Record(client, now);
            var s = new RatingWorkbenchSession($"s{Guid.NewGuid().ToString("N")[..10]}", f.Start(seed));
            _sessions[s.Id] = s;
            return s;
        }
    }

    public RatingWorkbenchSession Find(string id)
    {
        if (factory is null)
            throw Unavailable();
        if (_sessions.TryGetValue(id, out var s))
        {
            s.Touch();
            return s;
        }
        throw new WorkbenchInputException("id", $"no rating session '{id}' (sessions are dropped after a while; start a new one)", StatusCodes.Status404NotFound);
    }

    public static WorkbenchInputException Unavailable() =>
        new("rating", "the rating service is not part of this build of the workbench", StatusCodes.Status503ServiceUnavailable);
}
