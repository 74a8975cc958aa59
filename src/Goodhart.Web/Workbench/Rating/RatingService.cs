using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Goodhart.Web.Workbench.Rating;

/// <summary>
/// Keeps the workbench's rating sessions (at most <see cref="WorkbenchLimits.RatingSessionsKept"/>, oldest dropped)
/// and bounds reward-model trainings to <see cref="WorkbenchLimits.MaxConcurrentRatingTrainings"/> at a time.
/// <see cref="Available"/> is false when the host was built without a rating service.
/// </summary>
internal sealed class RatingService(IRatingSessionFactory? factory, WorkbenchLimits limits)
{
    private readonly ConcurrentDictionary<string, RatingWorkbenchSession> _sessions = new(StringComparer.Ordinal);

    public SemaphoreSlim TrainingSlots { get; } = new(limits.MaxConcurrentRatingTrainings, limits.MaxConcurrentRatingTrainings);

    public bool Available => factory is not null;

    public RatingWorkbenchSession Start(int seed)
    {
        var f = factory ?? throw Unavailable();
        var s = new RatingWorkbenchSession($"s{Guid.NewGuid().ToString("N")[..10]}", f.Start(seed));
        _sessions[s.Id] = s;
        foreach (var old in _sessions.Values.OrderBy(x => x.Started).Take(Math.Max(0, _sessions.Count - limits.RatingSessionsKept)).ToList())
            _sessions.TryRemove(old.Id, out _);
        return s;
    }

    public RatingWorkbenchSession Find(string id)
    {
        if (factory is null)
            throw Unavailable();
        return _sessions.TryGetValue(id, out var s) ? s
            : throw new WorkbenchInputException("id", $"no rating session '{id}' (sessions are dropped after a while; start a new one)", StatusCodes.Status404NotFound);
    }

    public static WorkbenchInputException Unavailable() =>
        new("rating", "the rating service is not part of this build of the workbench", StatusCodes.Status503ServiceUnavailable);
}
