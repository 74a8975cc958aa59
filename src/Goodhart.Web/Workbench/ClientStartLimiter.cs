using Microsoft.AspNetCore.Http;

namespace Goodhart.Web.Workbench;

/// <summary>
/// Limits each client address to <c>perMinute</c> new sessions in any sliding minute: <see cref="Check"/> refuses
/// with a 429 <see cref="WorkbenchInputException"/> (field "session", Retry-After the seconds until the oldest start
/// leaves the minute), <see cref="Record"/> counts a start. Addresses with no start in the last minute are forgotten,
/// so the table holds at most the addresses seen in the last minute. Thread-safe; a caller that must check, do other
/// checks and then record as one step holds its own lock around the three.
/// </summary>
/// <param name="perMinute">New sessions one address may start in a minute.</param>
/// <param name="sessionKind">What the sessions are called in the refusal ("rating", "debate", ...).</param>
internal sealed class ClientStartLimiter(int perMinute, string sessionKind)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _starts = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Throws a 429 <see cref="WorkbenchInputException"/> when <paramref name="client"/> has used up its starts for the minute before <paramref name="now"/>.</summary>
    public void Check(string client, DateTimeOffset now)
    {
        lock (_gate)
        {
            foreach (var stale in _starts.Where(kv => kv.Value.All(t => now - t >= Window)).Select(kv => kv.Key).ToList())
                _starts.Remove(stale);
            if (!_starts.TryGetValue(client, out var starts))
                return;
            while (starts.Count > 0 && now - starts.Peek() >= Window)
                starts.Dequeue();
            if (starts.Count >= perMinute)
            {
                var wait = Math.Max(1, (int)Math.Ceiling((starts.Peek() + Window - now).TotalSeconds));
                throw new WorkbenchInputException("session",
                    $"at most {perMinute} new {sessionKind} sessions a minute from one address; retry in {wait} s",
                    StatusCodes.Status429TooManyRequests) { RetryAfterSeconds = wait };
            }
        }
    }

    /// <summary>Counts a session started by <paramref name="client"/> at <paramref name="now"/>.</summary>
    public void Record(string client, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_starts.TryGetValue(client, out var starts))
                _starts[client] = starts = new Queue<DateTimeOffset>();
            starts.Enqueue(now);
        }
    }
}
