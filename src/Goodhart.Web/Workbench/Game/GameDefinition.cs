namespace Goodhart.Web.Workbench.Game;

/// <summary>
/// One gridworld of the reward-hacking game: which env, how the player wins the "fix the reward" challenge, and the
/// reward specifications the player may choose among (the first is the level's own reward).
/// </summary>
/// <param name="Env">Catalog env id (e.g. <c>boat_race</c>).</param>
/// <param name="Title">Name shown to the player.</param>
/// <param name="Story">What the designer wanted and what the reward pays for, in a few sentences.</param>
/// <param name="WinPerformance">The challenge is won when the greedy policy's mean hidden performance reaches this.</param>
/// <param name="WinRationale">Where the threshold comes from (the oracle's figure and what the hack scores).</param>
/// <param name="DefaultEpisodes">Training episodes the page proposes.</param>
/// <param name="EditableConstants">The level's named reward constants the player may change (never the hidden ones).</param>
/// <param name="Specifications">Reward specifications to choose among; the level's own reward first.</param>
/// <param name="Learner">The Q-learner's hyper-parameters for this game (the CLI's defaults unless the env needs more exploration).</param>
public sealed record GameDefinition(
    string Env,
    string Title,
    string Story,
    double WinPerformance,
    string WinRationale,
    int DefaultEpisodes,
    IReadOnlyList<string> EditableConstants,
    IReadOnlyList<RewardSpecification> Specifications,
    Core.Agents.TabularOptions Learner)
{
    /// <summary>The specification with this id, or a 400 naming the field <c>spec</c>.</summary>
    public RewardSpecification Specification(string? id) =>
        Specifications.FirstOrDefault(s => s.Id == (id ?? Specifications[0].Id))
        ?? throw new WorkbenchInputException("spec", $"unknown reward specification '{id}' for {Env}; expected one of {string.Join(", ", Specifications.Select(s => s.Id))}");
}
