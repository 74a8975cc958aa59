using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Oversight.Assistance;

/// <summary>
/// Turns pairs and the claims put to the rater into <see cref="PreferencePair"/> rows, as <see cref="PreferenceLabeller"/>
/// does for an unassisted rater: the row records the condition's name as its rater, the rater's corrected utilities and
/// probability, both gold scores and both responses' features; the effort (claims verified) comes back beside it.
/// </summary>
public sealed class AssistedLabeller
{
    /// <summary>A labeller for <paramref name="rater"/> whose rows name the condition <paramref name="condition"/> (e.g. <c>typical+critique</c>).</summary>
    public AssistedLabeller(AssistedRater rater, string condition, GoldReward? gold = null)
    {
        ArgumentNullException.ThrowIfNull(rater);
        ArgumentException.ThrowIfNullOrWhiteSpace(condition);
        Rater = rater;
        Condition = condition;
        Gold = gold ?? new GoldReward();
    }

    /// <summary>The rater.</summary>
    public AssistedRater Rater { get; }

    /// <summary>The condition's name written as each row's rater.</summary>
    public string Condition { get; }

    /// <summary>The gold reward recorded beside each row.</summary>
    public GoldReward Gold { get; }

    /// <summary>Labels responses a and b (already assessed) to a prompt given the claims; the row and the claims verified.</summary>
    public (PreferencePair Pair, AssistedLabel Label) Label(
        ArithmeticPrompt prompt, string a, string b, ResponseAssessment fa, ResponseAssessment fb, IReadOnlyList<FlawClaim> claims)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var assisted = Rater.Label(prompt, fa, fb, claims);
        var label = assisted.Label;
        var (chosen, rejected, fc, fr, uc, ur, pc) = label.PrefersA
            ? (a, b, fa, fb, label.UtilityA, label.UtilityB, label.ProbabilityA)
            : (b, a, fb, fa, label.UtilityB, label.UtilityA, 1 - label.ProbabilityA);
        var pair = new PreferencePair(prompt.Text, chosen, rejected)
        {
            Rater = Condition,
            Difficulty = prompt.Difficulty,
            Answer = prompt.Answer,
            Belief = prompt.Belief,
            ChosenGold = Gold.Score(fc),
            RejectedGold = Gold.Score(fr),
            ChosenUtility = uc,
            RejectedUtility = ur,
            ChosenProbability = pc,
            ChosenFeatures = fc,
            RejectedFeatures = fr,
        };
        return (pair, assisted);
    }
}
