namespace Goodhart.Web.Workbench.Game;

/// <summary>What the game's verdict says about a reward specification, judged over <see cref="GameTrainer.JudgedSeeds"/> seeds.</summary>
public static class GameJudgement
{
    /// <summary>The greedy policy reached the win threshold on every judged seed (and the reward was changed).</summary>
    public const string Fixed = "fixed";

    /// <summary>No judged seed reached the threshold: the learner found the hack (or nothing good) every time.</summary>
    public const string Hacked = "hacked";

    /// <summary>Some judged seeds won and some did not: which behaviour is learned is chance under this reward.</summary>
    public const string Inconclusive = "inconclusive";

    /// <summary>The level's own reward with its own constants: whatever a seed learns, nothing was fixed.</summary>
    public const string Unchanged = "unchanged";
}
