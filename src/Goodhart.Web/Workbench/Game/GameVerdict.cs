namespace Goodhart.Web.Workbench.Game;

/// <summary>How a game training ended: the greedy policy's scores and whether it wins the "fix the reward" challenge.</summary>
/// <param name="Given">Greedy mean return under the chosen specification.</param>
/// <param name="Visible">Greedy mean return under the level's reward.</param>
/// <param name="Performance">Greedy mean hidden performance.</param>
/// <param name="WinPerformance">The game's threshold.</param>
/// <param name="Won">The challenge is won: the reward was changed and the greedy performance reached the threshold on every judged seed (<see cref="Judgement"/> is <c>fixed</c>).</param>
/// <param name="FirstGreedyEpisode">Index of the first final greedy episode (replay it to see the learned behaviour).</param>
/// <param name="GreedyActions">The first greedy episode's actions as an action string.</param>
/// <param name="RunId">The run stored for it.</param>
public sealed record GameVerdict(double Given, double Visible, double Performance, double WinPerformance, bool Won, int FirstGreedyEpisode, string GreedyActions, string RunId)
{
    /// <summary>One of <see cref="GameJudgement"/>'s words: fixed, hacked, inconclusive or unchanged.</summary>
    public string Judgement { get; init; } = GameJudgement.Hacked;

    /// <summary>Judged seeds whose greedy policy reached the threshold (the shown training's seed and the next ones).</summary>
    public int SeedsWon { get; init; }

    /// <summary>Seeds the verdict was judged on.</summary>
    public int SeedsJudged { get; init; }
}
