namespace Goodhart.Web.Workbench.Debate;

/// <summary>
/// A session's running tally: over the rounds judged, how often the honest side won with the person as judge and
/// with the sparse judge on the same revealed pixels, and how often the two agreed.
/// </summary>
/// <param name="Rounds">Rounds judged.</param>
/// <param name="Person">The honest side's wins with the person as judge.</param>
/// <param name="Judge">The honest side's wins with the sparse judge.</param>
/// <param name="Agreements">Rounds where the person and the sparse judge chose the same debater.</param>
public sealed record DebateTally(int Rounds, DebateShare Person, DebateShare Judge, int Agreements)
{
    /// <summary>No rounds yet.</summary>
    public static DebateTally Empty { get; } = new(0, new DebateShare(0, 0), new DebateShare(0, 0), 0);

    /// <summary>This tally with one more round judged.</summary>
    public DebateTally Add(bool personPickedHonest, bool judgePickedHonest) => new(
        Rounds + 1,
        new DebateShare(Person.HonestWins + (personPickedHonest ? 1 : 0), Rounds + 1),
        new DebateShare(Judge.HonestWins + (judgePickedHonest ? 1 : 0), Rounds + 1),
        Agreements + (personPickedHonest == judgePickedHonest ? 1 : 0));
}
