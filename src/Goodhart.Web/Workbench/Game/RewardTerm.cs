namespace Goodhart.Web.Workbench.Game;

/// <summary>A number a reward specification adds on top of the level's reward, editable by the player.</summary>
/// <param name="Name">snake_case name, as the request sends it.</param>
/// <param name="Default">Value used when the player leaves it alone.</param>
/// <param name="Description">What it pays for, in one line.</param>
public sealed record RewardTerm(string Name, double Default, string Description);
