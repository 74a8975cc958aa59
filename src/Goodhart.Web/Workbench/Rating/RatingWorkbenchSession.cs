namespace Goodhart.Web.Workbench.Rating;

/// <summary>A rating session held by the workbench: the session, a lock serialising calls on it, and its last result.</summary>
internal sealed class RatingWorkbenchSession(string id, IRaterSession session)
{
    public string Id { get; } = id;

    public IRaterSession Session { get; } = session;

    public Lock Gate { get; } = new();

    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    /// <summary>When the person last fetched, labelled or trained (sessions idle longer than the limit may be dropped).</summary>
    public DateTimeOffset LastActive { get; private set; } = DateTimeOffset.UtcNow;

    /// <summary>Marks the session active now.</summary>
    public void Touch() => LastActive = DateTimeOffset.UtcNow;

    /// <summary>The pair offered last and not yet labelled (offered again until it is).</summary>
    public RaterPair? Pending { get; set; }

    public RaterOutcome? Outcome { get; set; }
}
