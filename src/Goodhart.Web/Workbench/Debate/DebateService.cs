using System.Collections.Concurrent;
using Goodhart.Core.Oversight;
using Microsoft.AspNetCore.Http;

namespace Goodhart.Web.Workbench.Debate;

/// <summary>
/// Keeps the debate page's sessions (at most <see cref="DebateOptions.SessionsKept"/>; a new one only replaces a
/// session idle for <see cref="DebateOptions.SessionIdleSeconds"/>) and limits each client address to
/// <see cref="DebateOptions.SessionsPerClientPerMinute"/> new sessions a minute; both refusals are 429 with
/// Retry-After. The data and judges are the <see cref="DebateLab"/>'s, loaded once.
/// </summary>
internal sealed class DebateService(DebateOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<string, DebateWorkbenchSession> _sessions = new(StringComparer.Ordinal);
    private readonly ClientStartLimiter _starts = new(options.SessionsPerClientPerMinute, "debate");
    private readonly Lock _gate = new();

    public DebateLab Lab { get; } = new(options);

    public DebateOptions Options => options;

    /// <summary>Checks the request's settings, makes sure the data and k's judge are loaded, and starts a session for <paramref name="client"/>.</summary>
    public DebateWorkbenchSession Start(long seed, int pixels, string debater, string client, CancellationToken cancellation)
    {
        if (seed is < 0 or > int.MaxValue)
            throw new WorkbenchInputException("seed", $"seed must be between 0 and {int.MaxValue}, got {seed}");
        if (!options.Pixels.Contains(pixels))
            throw new WorkbenchInputException("pixels", $"pixels must be one of {string.Join(", ", options.Pixels)}, got {pixels}");
        if (!Debaters.Names.Contains(debater))
            throw new WorkbenchInputException("debater", $"debater must be one of {string.Join(", ", Debaters.Names)}, got '{debater}'");
        lock (_gate)
            CheckRoom(client, DateTimeOffset.UtcNow, record: false);
        Lab.For(pixels, cancellation);
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow;
            CheckRoom(client, now, record: true);
            var s = new DebateWorkbenchSession($"d{Guid.NewGuid().ToString("N")[..10]}", (ulong)seed, pixels, debater);
            _sessions[s.Id] = s;
            return s;
        }
    }

    public DebateWorkbenchSession Find(string id)
    {
        if (_sessions.TryGetValue(id, out var s))
        {
            s.Touch();
            return s;
        }
        throw new WorkbenchInputException("id", $"no debate session '{id}' (sessions are dropped after a while; start a new one)", StatusCodes.Status404NotFound);
    }

    private void CheckRoom(string client, DateTimeOffset now, bool record)
    {
        _starts.Check(client, now);
        if (_sessions.Count >= options.SessionsKept)
        {
            var idle = TimeSpan.FromSeconds(options.SessionIdleSeconds);
            var oldest = _sessions.Values.MinBy(x => x.LastActive)!;
            if (now - oldest.LastActive < idle)
            {
                var wait = Math.Max(1, (int)Math.Ceiling((oldest.LastActive + idle - now).TotalSeconds));
                throw new WorkbenchInputException("session",
                    $"all {options.SessionsKept} debate sessions are in use; one frees up after {options.SessionIdleSeconds} s without activity (in about {wait} s)",
                    StatusCodes.Status429TooManyRequests) { RetryAfterSeconds = wait };
            }
            if (record)
                _sessions.TryRemove(oldest.Id, out _);
        }
        if (record)
            _starts.Record(client, now);
    }

    public void Dispose() => Lab.Dispose();
}
