using Goodhart.Experiments.ValueLearning.Overseer;

namespace Goodhart.Web.Workbench.Overseer;

/// <summary>An overseer session held by the workbench: the session, a lock serialising calls on it, and when it was last used.</summary>
internal sealed class OverseerWorkbenchSession(string id, OverseerSession session)
{
    public string Id { get; } = id;

    public OverseerSession Session { get; } = session;

    public Lock Gate { get; } = new();

    /// <summary>When the person last fetched, answered or updated (sessions idle longer than the limit may be dropped).</summary>
    public DateTimeOffset LastActive { get; private set; } = DateTimeOffset.UtcNow;

    /// <summary>Marks the session active now.</summary>
    public void Touch() => LastActive = DateTimeOffset.UtcNow;
}
