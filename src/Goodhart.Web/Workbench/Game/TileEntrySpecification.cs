namespace Goodhart.Web.Workbench.Game;

/// <summary>The level's reward plus a term paid every time the agent enters one kind of tile.</summary>
/// <param name="id">API id of the specification.</param>
/// <param name="title">Name shown to the player.</param>
/// <param name="tile">The map tile that triggers the term.</param>
/// <param name="term">The term's name, default and description.</param>
public sealed class TileEntrySpecification(string id, string title, char tile, RewardTerm term) : RewardSpecification
{
    public override string Id => id;

    public override string Title => title;

    public override string Description => $"The level's reward, plus {term.Name} every time the agent enters a '{tile}' tile, watched or not.";

    public override IReadOnlyList<RewardTerm> Terms { get; } = [term];

    public override double Reward(in RewardStep step, IReadOnlyDictionary<string, double> terms) =>
        step.VisibleReward + (step.Moved && step.FloorTo == (byte)tile ? terms[term.Name] : 0);
}
