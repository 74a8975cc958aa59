using Goodhart.Evals.Metrics;

namespace Goodhart.Evals.Harness;

/// <summary>Turns sample-epoch results into per-scorer summaries (used by the runner and by re-scoring).</summary>
public static class EvalSummariser
{
    /// <summary>
    /// Each scorer's counts over sample-epochs, and its metrics over samples: a sample's scored epoch values are
    /// reduced with <paramref name="reducer"/>; a sample with no scored epoch is left out of the metrics.
    /// </summary>
    public static IReadOnlyList<ScorerSummary> Summarise(IEnumerable<IScorer> scorers, IReadOnlyList<SampleResult> results, EpochReducer reducer)
    {
        ArgumentNullException.ThrowIfNull(scorers);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(reducer);
        var summaries = new List<ScorerSummary>();
        foreach (var scorer in scorers)
        {
            int scored = 0, unscored = 0, errored = 0;
            var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
            var perSample = new SortedDictionary<int, List<double>>();
            foreach (var r in results)
            {
                if (r.IsErrored || !r.Scores.TryGetValue(scorer.Name, out var score))
                {
                    errored++;
                    continue;
                }
                if (score.Value is { } value)
                {
                    scored++;
                    if (!perSample.TryGetValue(r.SampleIndex, out var list))
                        perSample[r.SampleIndex] = list = [];
                    list.Add(value);
                }
                else
                {
                    unscored++;
                    var reason = score.Error ?? "no reason given";
                    reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                }
            }
            var values = perSample.Values.Select(reducer.Reduce).ToList();
            var metrics = values.Count == 0 ? [] : scorer.Metrics.Select(m => m.Compute(values)).ToList();
            summaries.Add(new ScorerSummary(
                scorer.Name,
                metrics,
                scored,
                unscored,
                errored,
                [.. reasons.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)]));
        }
        return summaries;
    }
}
