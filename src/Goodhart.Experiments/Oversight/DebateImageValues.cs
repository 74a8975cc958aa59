namespace Goodhart.Experiments.Oversight;

/// <summary>The names of the <c>debate-image</c> kind's values, per debate length k (<c>k6/judge_debate</c>).</summary>
public static class DebateImageValues
{
    /// <summary>The judge's accuracy from k random pixels (no debate).</summary>
    public static string JudgeRandom(int k) => $"k{k}/judge_random";

    /// <summary>The judge's accuracy under debate with precommitment: the honest side wins against every lie.</summary>
    public static string JudgeDebate(int k) => $"k{k}/judge_debate";

    /// <summary>The honest side's win rate per debate with precommitment (the liar commits to a lie chosen at random).</summary>
    public static string HonestWinRate(int k) => $"k{k}/honest_win_rate";

    /// <summary>The judge's accuracy under debate without precommitment (its top class after the debate is the truth).</summary>
    public static string JudgeNoPrecommit(int k) => $"k{k}/judge_no_precommit";
}
