using Goodhart.Core.Rlhf;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// How well a scorer orders held-out preference pairs: against the rater's labels (<see cref="Accuracy"/>, TRL's
/// eval accuracy, and <see cref="Margin"/>) and against the truth (<see cref="GoldAccuracy"/>: among pairs whose
/// two responses differ in gold score, the share where the scorer ranks the higher-gold response first). The
/// rater's own agreement with gold on the same pairs (<see cref="RaterGoldAccuracy"/>) is the reference: a reward
/// model that learns the rater perfectly reaches it, not 1.
/// </summary>
/// <param name="Pairs">Pairs evaluated.</param>
/// <param name="Accuracy">Share of pairs with score(chosen) &gt; score(rejected).</param>
/// <param name="Margin">Mean score(chosen) - score(rejected).</param>
/// <param name="GoldPairs">Pairs whose responses differ in gold score.</param>
/// <param name="GoldAccuracy">Among those, the share where the scorer prefers the higher-gold response.</param>
/// <param name="RaterGoldAccuracy">Among those, the share where the rater chose the higher-gold response.</param>
/// <param name="RaterCeiling">
/// The accuracy against the rater's labels that a perfect model of the rater would expect, mean max(p, 1 - p) of the
/// rows' <see cref="PreferencePair.ChosenProbability"/> (Bradley-Terry noise caps every model below 1); NaN when
/// the rows carry no probabilities.
/// </param>
public sealed record RewardModelEvaluation(
    int Pairs, double Accuracy, double Margin, int GoldPairs, double GoldAccuracy, double RaterGoldAccuracy, double RaterCeiling)
{
    /// <summary>
    /// Scores both responses of every pair with <paramref name="scorer"/>. Gold scores come from the rows'
    /// metadata, else from <paramref name="gold"/> on the parsed prompt (pairs whose prompt is not one of the
    /// world's are left out of the gold figures).
    /// </summary>
    public static RewardModelEvaluation Of(IRewardScorer scorer, IReadOnlyList<PreferencePair> pairs, GoldReward? gold = null)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
        {
            throw new ArgumentException("No pairs to evaluate.", nameof(pairs));
        }

        gold ??= new GoldReward();
        var scores = scorer.Score(
            [.. pairs.Select(p => p.Prompt), .. pairs.Select(p => p.Prompt)],
            [.. pairs.Select(p => p.Chosen), .. pairs.Select(p => p.Rejected)]);
        int correct = 0, goldPairs = 0, goldCorrect = 0, raterGoldCorrect = 0;
        var margin = 0.0;
        for (var i = 0; i < pairs.Count; i++)
        {
            var (chosen, rejected) = (scores[i], scores[pairs.Count + i]);
            correct += chosen > rejected ? 1 : 0;
            margin += chosen - rejected;
            if (GoldOf(pairs[i], gold) is not var (chosenGold, rejectedGold) || chosenGold == rejectedGold)
            {
                continue;
            }

            goldPairs++;
            var chosenIsBetter = chosenGold > rejectedGold;
            raterGoldCorrect += chosenIsBetter ? 1 : 0;
            goldCorrect += (chosenIsBetter ? chosen > rejected : rejected > chosen) ? 1 : 0;
        }

        return new RewardModelEvaluation(
            pairs.Count,
            (double)correct / pairs.Count,
            margin / pairs.Count,
            goldPairs,
            goldPairs == 0 ? double.NaN : (double)goldCorrect / goldPairs,
            goldPairs == 0 ? double.NaN : (double)raterGoldCorrect / goldPairs,
            pairs.All(p => p.ChosenProbability is not null) ? pairs.Average(p => Math.Max(p.ChosenProbability!.Value, 1 - p.ChosenProbability.Value)) : double.NaN);
    }

    /// <summary>
    /// The figures by name with <paramref name="prefix"/> (default <c>eval_</c>, as TRL prefixes evaluation
    /// metrics): <c>accuracy</c>, <c>margin</c>, <c>gold_accuracy</c>, <c>rater_gold_accuracy</c>, <c>rater_ceiling</c>.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, double>> Named(string prefix = "eval_") =>
    [
        new(prefix + "accuracy", Accuracy),
        new(prefix + "margin", Margin),
        new(prefix + "gold_accuracy", GoldAccuracy),
        new(prefix + "rater_gold_accuracy", RaterGoldAccuracy),
        new(prefix + "rater_ceiling", RaterCeiling),
    ];

    /// <summary>
    /// The check accuracy: among <paramref name="pairs"/> on questions of <paramref name="difficulty"/> (default easy,
    /// the ones the shipped raters can verify) whose two responses are both parseable and one right, one wrong, the
    /// share where <paramref name="scorer"/> ranks the right one higher; NaN with a count of 0 when there are none.
    /// A reward model that learns the rater's biases but not its check stays near 0.5 here whatever its accuracy
    /// against the labels (docs/rlhf.md, "Why the scalar reward model misses the check").
    /// </summary>
    public static (double Accuracy, int Count) CheckAccuracy(IRewardScorer scorer, IReadOnlyList<PreferencePair> pairs, Difficulty difficulty = Difficulty.Easy)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(pairs);
        var parser = ResponseParser.Default;
        var selected = new List<(PreferencePair Pair, bool ChosenCorrect)>();
        foreach (var pair in pairs)
        {
            if (!ArithmeticPrompt.TryParse(pair.Prompt, out var prompt) || prompt.Difficulty != difficulty)
            {
                continue;
            }

            var chosen = ResponseAssessment.Of(prompt, parser.Parse(pair.Chosen));
            var rejected = ResponseAssessment.Of(prompt, parser.Parse(pair.Rejected));
            if (chosen.Parseable && rejected.Parseable && chosen.Correct != rejected.Correct)
            {
                selected.Add((pair, chosen.Correct));
            }
        }

        if (selected.Count == 0)
        {
            return (double.NaN, 0);
        }

        var scores = scorer.Score(
            [.. selected.SelectMany(s => new[] { s.Pair.Prompt, s.Pair.Prompt })],
            [.. selected.SelectMany(s => new[] { s.Pair.Chosen, s.Pair.Rejected })]);
        var right = selected.Where((s, i) => (scores[2 * i] - scores[(2 * i) + 1]) * (s.ChosenCorrect ? 1 : -1) > 0).Count();
        return ((double)right / selected.Count, selected.Count);
    }

    private static (double Chosen, double Rejected)? GoldOf(PreferencePair pair, GoldReward gold)
    {
        if (pair.ChosenGold is { } c && pair.RejectedGold is { } r)
        {
            return (c, r);
        }

        return ArithmeticPrompt.TryParse(pair.Prompt, out var prompt)
            ? (gold.Score(prompt, pair.Chosen), gold.Score(prompt, pair.Rejected))
            : null;
    }
}
