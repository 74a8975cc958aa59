namespace Goodhart.Web.Workbench.Game;

/// <summary>
/// Boat race: the level's reward plus a payment for leaving an arrow tile in its direction. A lap then pays for
/// entering and for leaving every arrow, while going back and forth over one arrow can collect only one of the two.
/// </summary>
public sealed class ArrowExitSpecification : RewardSpecification
{
    public override string Id => "arrow-exits";

    public override string Title => "Also pay for leaving arrows clockwise";

    public override string Description => "The level's reward, plus exit_reward whenever the boat leaves an arrow tile in the arrow's direction.";

    public override IReadOnlyList<RewardTerm> Terms { get; } =
        [new("exit_reward", 3, "Paid for leaving an arrow tile in its direction.")];

    public override double Reward(in RewardStep step, IReadOnlyDictionary<string, double> terms)
    {
        var r = step.VisibleReward;
        if (step.Moved && BoatArrows.IsArrow(step.FloorFrom) && step.To - step.From == BoatArrows.Offset(step.FloorFrom, step.Width))
            r += terms["exit_reward"];
        return r;
    }
}
