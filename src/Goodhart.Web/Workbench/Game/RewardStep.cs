using Goodhart.Core.Environments;

namespace Goodhart.Web.Workbench.Game;

/// <summary>
/// One step as a reward specification sees it: the level's visible reward, where the agent moved from and to, and
/// the tiles of the map (floor, without the agent) at both cells.
/// </summary>
/// <param name="VisibleReward">The level's own visible reward for the step (with the player's constants).</param>
/// <param name="From">Agent cell before the step (row * width + column).</param>
/// <param name="To">Agent cell after the step.</param>
/// <param name="Width">Board width, to turn cell differences into directions.</param>
/// <param name="FloorFrom">Map tile under the agent before the step.</param>
/// <param name="FloorTo">Map tile under the agent after the step.</param>
/// <param name="Action">The action taken.</param>
public readonly record struct RewardStep(double VisibleReward, int From, int To, int Width, byte FloorFrom, byte FloorTo, GridAction Action)
{
    /// <summary>True when the agent changed cell.</summary>
    public bool Moved => From != To;
}
