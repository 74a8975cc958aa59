using Goodhart.Core.Rlhf;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// A preference dataset in one line: which rater labelled it, how many pairs, and how often the rater's choice
/// agrees with the gold reward (among pairs whose gold scores differ).
/// </summary>
/// <param name="Rater">The rater profile's name.</param>
/// <param name="Count">Pairs in the dataset.</param>
/// <param name="GoldAgreement">Share of pairs with different gold scores whose chosen response has the higher one (NaN when none differ).</param>
public sealed record PreferenceDataSummary(string Rater, int Count, double GoldAgreement)
{
    /// <summary>The summary of <paramref name="pairs"/> labelled by <paramref name="rater"/>.</summary>
    public static PreferenceDataSummary Of(string rater, IReadOnlyList<PreferencePair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var decided = pairs.Where(p => p.ChosenGold is { } c && p.RejectedGold is { } r && c != r).ToArray();
        var agreement = decided.Length == 0 ? double.NaN : decided.Count(p => p.ChosenGold > p.RejectedGold) / (double)decided.Length;
        return new PreferenceDataSummary(rater, pairs.Count, agreement);
    }
}
