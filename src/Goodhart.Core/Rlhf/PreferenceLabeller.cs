namespace Goodhart.Core.Rlhf;

/// <summary>
/// Turns pairs of responses into <see cref="PreferencePair"/> rows: a simulated rater decides which is chosen, and the
/// row records the rater's utilities and probability, both gold scores and both responses' features.
/// </summary>
public sealed class PreferenceLabeller
{
    public PreferenceLabeller(SimulatedRater rater, GoldReward? gold = null)
    {
        ArgumentNullException.ThrowIfNull(rater);
        Rater = rater;
        Gold = gold ?? new GoldReward(parser: rater.Parser);
    }

    public SimulatedRater Rater { get; }

    public GoldReward Gold { get; }

    /// <summary>Labels responses a and b to a prompt.</summary>
    public PreferencePair Label(ArithmeticPrompt prompt, string a, string b)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var fa = ResponseAssessment.Of(prompt, Rater.Parser.Parse(a));
        var fb = ResponseAssessment.Of(prompt, Rater.Parser.Parse(b));
        var label = Rater.Label(prompt, fa, fb);
        var (chosen, rejected, fc, fr, uc, ur, pc) = label.PrefersA
            ? (a, b, fa, fb, label.UtilityA, label.UtilityB, label.ProbabilityA)
            : (b, a, fb, fa, label.UtilityB, label.UtilityA, 1 - label.ProbabilityA);
        return new PreferencePair(prompt.Text, chosen, rejected)
        {
            Rater = Rater.Profile.Name,
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
    }
}
