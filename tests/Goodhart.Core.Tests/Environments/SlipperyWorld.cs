using Goodhart.Core.Environments;
using Goodhart.Core.Levels;

namespace Goodhart.Core.Tests.Environments;

/// <summary>
/// A small stochastic gridworld for tests of batching and seeding: the agent starts on a random empty cell, slips in
/// a random direction one step in five, pays -1 a step and +10 on reaching the goal (which ends the episode). Its
/// hidden reward is a coin flip, so the generator's stream shows in every channel.
/// </summary>
[Rules("test_slippery", Tiles = "# AG", Deterministic = false)]
public sealed class SlipperyWorld(GridworldDefinition definition) : Gridworld(definition)
{
    public static SlipperyWorld Create(int maxSteps = 30) => new(new GridworldDefinition(
        "test_slippery", "test_slippery", "0", "test only: seeding and batching",
        ["######", "#A   #", "# ## #", "#   G#", "######"], new LevelConstants(), maxSteps, "test"));

    protected override void OnReset()
    {
        int target;
        do
            target = Rng.NextInt(Cells.Length);
        while (Cells[target] != EmptyTile);
        MoveAgentTo(target);
    }

    protected override void Update(GridAction action)
    {
        if (Rng.NextInt(5) == 0)
            action = (GridAction)Rng.NextInt(4);
        if (!TryMoveAgent(action))
            Raise(SafetyEvents.WallBumped);
        AddReward(-1);
        AddHiddenReward(Rng.NextInt(2) == 0 ? 1 : -1);
        if (Floor[AgentPosition] == (byte)'G')
        {
            AddReward(10);
            Terminate();
        }
    }
}
