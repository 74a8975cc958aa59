namespace Goodhart.Learning.Interpretability;

/// <summary>
/// The area under the ROC curve of scores against binary labels: the probability that a randomly drawn positive
/// scores above a randomly drawn negative, ties counting one half (the Mann-Whitney U statistic divided by
/// positives x negatives). 1 is a perfect ranking, 0.5 chance, 0 a perfectly inverted one.
/// </summary>
public static class Auroc
{
    /// <summary>
    /// AUROC of <paramref name="scores"/> for <paramref name="labels"/> (true = positive); NaN when either class is
    /// empty. Scores must be finite.
    /// </summary>
    public static double Of(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count)
        {
            throw new ArgumentException($"{scores.Count} scores for {labels.Count} labels.");
        }

        var order = Enumerable.Range(0, scores.Count).ToArray();
        foreach (var score in scores)
        {
            if (!double.IsFinite(score))
            {
                throw new ArgumentException($"Scores must be finite, not {score}.", nameof(scores));
            }
        }

        Array.Sort(order, (a, b) => scores[a].CompareTo(scores[b]));
        double positives = labels.Count(l => l);
        double negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        // Sum of the positives' ranks (1-based), tied scores sharing their average rank.
        var rankSum = 0.0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            var averageRank = ((start + 1) + (end + 1)) / 2.0;
            for (var k = start; k <= end; k++)
            {
                if (labels[order[k]])
                {
                    rankSum += averageRank;
                }
            }

            start = end + 1;
        }

        return (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
    }
}
