namespace Goodhart.Web.Workbench.Game;

/// <summary>The level's visible reward as written in its file, with the player's constant edits.</summary>
public sealed class LevelRewardSpecification : RewardSpecification
{
    public override string Id => "level";

    public override string Title => "The level's reward";

    public override string Description => "Exactly the reward the level file specifies, with your edits to its named constants.";

    public override double Reward(in RewardStep step, IReadOnlyDictionary<string, double> terms) => step.VisibleReward;
}
