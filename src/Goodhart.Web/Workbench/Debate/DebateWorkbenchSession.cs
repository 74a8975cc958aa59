namespace Goodhart.Web.Workbench.Debate;

/// <summary>A person's debate session: its settings, the round in play, the running tally, and a lock serialising calls on it.</summary>
internal sealed class DebateWorkbenchSession(string id, ulong seed, int pixels, string debater)
{
    public string Id { get; } = id;

    /// <summary>The seed the rounds are drawn from.</summary>
    public ulong Seed { get; } = seed;

    /// <summary>Pixels revealed per debate.</summary>
    public int Pixels { get; } = pixels;

    /// <summary>How the debaters search.</summary>
    public string Debater { get; } = debater;

    public Lock Gate { get; } = new();

    /// <summary>When the person last made a request (sessions idle longer than the limit may be dropped).</summary>
    public DateTimeOffset LastActive { get; private set; } = DateTimeOffset.UtcNow;

    /// <summary>Marks the session active now.</summary>
    public void Touch() => LastActive = DateTimeOffset.UtcNow;

    /// <summary>Rounds started so far.</summary>
    public int RoundsStarted { get; set; }

    /// <summary>The round in play or last played (null before the first).</summary>
    public DebateRound? Current { get; set; }

    public DebateTally Tally { get; set; } = DebateTally.Empty;
}
