using Goodhart.Core.Rlhf;
using Goodhart.Web.Rating;

namespace Goodhart.Web.Tests.Rating;

/// <summary>Scripted people for the rating tests: a rule from a pair to a choice, and a loop that labels a whole session with it.</summary>
internal static class ScriptedRaters
{
    private static readonly GoldReward Gold = new();

    /// <summary>Always picks the longer response (a tie when equally long).</summary>
    public static RatingChoice Longer(RatingPair pair) =>
        pair.ResponseA.Length > pair.ResponseB.Length ? RatingChoice.A
        : pair.ResponseB.Length > pair.ResponseA.Length ? RatingChoice.B
        : RatingChoice.Tie;

    /// <summary>Picks the response with the higher gold score (a tie when equal).</summary>
    public static RatingChoice ByGold(RatingPair pair)
    {
        var prompt = ArithmeticPrompt.Parse(pair.Prompt);
        var a = Gold.Score(prompt, pair.ResponseA);
        var b = Gold.Score(prompt, pair.ResponseB);
        return a > b ? RatingChoice.A : b > a ? RatingChoice.B : RatingChoice.Tie;
    }

    /// <summary>Labels pairs with <paramref name="rater"/> until the session offers no more; returns the pairs seen.</summary>
    public static List<RatingPair> LabelAll(RatingSession session, Func<RatingPair, RatingChoice> rater)
    {
        var seen = new List<RatingPair>();
        while (session.NextPair() is { } pair)
        {
            seen.Add(pair);
            session.Submit(pair.Index, rater(pair));
        }
        return seen;
    }
}
