using Goodhart.Core.Rlhf;

namespace Goodhart.Web.Rating;

/// <summary>A pair with what the session knows but does not show: the prompt's truth, both responses' features and gold scores.</summary>
/// <param name="Pair">What the person sees.</param>
/// <param name="Prompt">The arithmetic prompt.</param>
/// <param name="FeaturesA">Response A's <see cref="RatingFeatures"/>.</param>
/// <param name="FeaturesB">Response B's features.</param>
/// <param name="GoldA">Response A's gold score.</param>
/// <param name="GoldB">Response B's gold score.</param>
internal sealed record ScoredPair(RatingPair Pair, ArithmeticPrompt Prompt, double[] FeaturesA, double[] FeaturesB, double GoldA, double GoldB)
{
    /// <summary>Which response gold prefers (Tie when their gold scores are equal).</summary>
    public RatingChoice GoldChoice => GoldA > GoldB ? RatingChoice.A : GoldB > GoldA ? RatingChoice.B : RatingChoice.Tie;
}
