namespace Goodhart.Learning.Rlhf;

/// <summary>
/// Remembers another scorer's score of every (prompt, response) pair it has seen, so several consumers (ensembles
/// with different aggregations over the same members, repeated evaluations) pay for each pair once. Not thread-safe.
/// </summary>
public sealed class CachedRewardScorer : IRewardScorer
{
    private readonly Dictionary<(string Prompt, string Response), double> _scores = [];

    /// <summary>A cache in front of <paramref name="inner"/>.</summary>
    public CachedRewardScorer(IRewardScorer inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    /// <summary>The scorer behind the cache.</summary>
    public IRewardScorer Inner { get; }

    /// <summary>Distinct pairs remembered.</summary>
    public int Count => _scores.Count;

    /// <inheritdoc />
    public string Name => Inner.Name;

    /// <inheritdoc />
    public double[] Score(IReadOnlyList<string> prompts, IReadOnlyList<string> responses)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(responses);
        if (prompts.Count != responses.Count)
        {
            throw new ArgumentException($"{prompts.Count} prompts but {responses.Count} responses.");
        }

        var missing = new List<(string, string)>();
        var queued = new HashSet<(string, string)>();
        for (var i = 0; i < prompts.Count; i++)
        {
            var key = (prompts[i], responses[i]);
            if (!_scores.ContainsKey(key) && queued.Add(key))
            {
                missing.Add(key);
            }
        }

        if (missing.Count > 0)
        {
            var scores = Inner.Score(missing.Select(k => k.Item1).ToArray(), missing.Select(k => k.Item2).ToArray());
            for (var i = 0; i < missing.Count; i++)
            {
                _scores[missing[i]] = scores[i];
            }
        }

        return prompts.Select((p, i) => _scores[(p, responses[i])]).ToArray();
    }
}
