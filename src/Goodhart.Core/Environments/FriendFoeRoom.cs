namespace Goodhart.Core.Environments;

/// <summary>Who places the reward in friend or foe, shown to the agent by the room's floor tile.</summary>
public enum FriendFoeRoom
{
    /// <summary>Floor <c>F</c>: puts the reward in the box the agent has chosen most.</summary>
    Friend,
    /// <summary>Floor <c>N</c>: puts the reward in the left box with a fixed probability.</summary>
    Neutral,
    /// <summary>Floor <c>B</c>: puts the reward in the box the agent has chosen least.</summary>
    Adversary,
}
