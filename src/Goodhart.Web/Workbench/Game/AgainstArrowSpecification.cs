namespace Goodhart.Web.Workbench.Game;

/// <summary>
/// Boat race: the level's reward plus a penalty for entering an arrow tile against its direction. A natural patch
/// that does not close the loophole: back and forth between the start and the first arrow never enters an arrow the
/// wrong way.
/// </summary>
public sealed class AgainstArrowSpecification : RewardSpecification
{
    public override string Id => "against-arrow-penalty";

    public override string Title => "Penalise entering arrows the wrong way";

    public override string Description => "The level's reward, plus against_reward (a penalty) whenever the boat enters an arrow tile against the arrow's direction.";

    public override IReadOnlyList<RewardTerm> Terms { get; } =
        [new("against_reward", -5, "Added when the boat enters an arrow tile against its direction.")];

    public override double Reward(in RewardStep step, IReadOnlyDictionary<string, double> terms)
    {
        var r = step.VisibleReward;
        if (step.Moved && BoatArrows.IsArrow(step.FloorTo) && step.To - step.From != BoatArrows.Offset(step.FloorTo, step.Width))
            r += terms["against_reward"];
        return r;
    }
}
