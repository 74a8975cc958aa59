using System.Collections.Concurrent;
using Goodhart.Experiments.ValueLearning.Overseer;
using Microsoft.AspNetCore.Http;

namespace Goodhart.Web.Workbench.Overseer;

/// <summary>
/// Keeps the workbench's overseer sessions (at most <see cref="WorkbenchLimits.OverseerSessionsKept"/>; a new one only
/// replaces a session idle for <see cref="WorkbenchLimits.OverseerSessionIdleSeconds"/>), limits each client to
/// <see cref="WorkbenchLimits.OverseerSessionsPerClientPerMinute"/> new sessions a minute (both refusals are 429 with
/// Retry-After), and bounds agent trainings (session starts and updates) to
/// <see cref="WorkbenchLimits.MaxConcurrentOverseerTrainings"/> at a time.
/// </summary>
internal sealed class OverseerService(WorkbenchLimits limits)
{
    private readonly ConcurrentDictionary<string, OverseerWorkbenchSession> _sessions = new(StringComparer.Ordinal);
    private readonly ClientStartLimiter _starts = new(limits.OverseerSessionsPerClientPerMinute, "overseer");
    private readonly Lock _gate = new();

    /// <summary>Agent trainings that may run at once.</summary>
    public SemaphoreSlim TrainingSlots { get; } = new(limits.MaxConcurrentOverseerTrainings, limits.MaxConcurrentOverseerTrainings);

    /// <summary>Checks that <paramref name="client"/> may start a session now (else a 429 <see cref="WorkbenchInputException"/>) and counts the start.</summary>
    public void Admit(string client)
    {
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow;
            _starts.Check(client, now);
            MakeRoom(now);
            _starts.Record(client, now);
        }
    }

    /// <summary>Keeps a started session (making room again: another may have been added while it trained).</summary>
    public OverseerWorkbenchSession Add(OverseerSession session)
    {
        lock (_gate)
        {
            MakeRoom(DateTimeOffset.UtcNow);
            var s = new OverseerWorkbenchSession($"o{Guid.NewGuid().ToString("N")[..10]}", session);
            _sessions[s.Id] = s;
            return s;
        }
    }

    private void MakeRoom(DateTimeOffset now)
    {
        if (_sessions.Count < limits.OverseerSessionsKept)
            return;
        var idle = TimeSpan.FromSeconds(limits.OverseerSessionIdleSeconds);
        var oldest = _sessions.Values.MinBy(x => x.LastActive)!;
        if (now - oldest.LastActive < idle)
        {
            var wait = Math.Max(1, (int)Math.Ceiling((oldest.LastActive + idle - now).TotalSeconds));
            throw new WorkbenchInputException("session",
                $"all {limits.OverseerSessionsKept} overseer sessions are in use; one frees up after {limits.OverseerSessionIdleSeconds} s without activity (in about {wait} s)",
                StatusCodes.Status429TooManyRequests) { RetryAfterSeconds = wait };
        }
        _sessions.TryRemove(oldest.Id, out _);
    }

    /// <summary>The session <paramref name="id"/>, marked active; 404 when there is none.</summary>
    public OverseerWorkbenchSession Find(string id)
    {
        if (_sessions.TryGetValue(id, out var s))
        {
            s.Touch();
            return s;
        }
        throw new WorkbenchInputException("id", $"no overseer session '{id}' (sessions are dropped after a while; start a new one)", StatusCodes.Status404NotFound);
    }
}
