namespace Goodhart.Learning.Rlhf;

/// <summary>
/// A scorer from a per-pair function: toy rewards for tests and experiments (e.g. the count of a character, or the
/// response length as in Singhal et al.'s length-only reward).
/// </summary>
public sealed class DelegateRewardScorer : IRewardScorer
{
    private readonly Func<string, string, double> _score;

    /// <summary>A scorer named <paramref name="name"/> giving <paramref name="score"/>(prompt, response) to each pair.</summary>
    public DelegateRewardScorer(string name, Func<string, string, double> score)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(score);
        Name = name;
        _score = score;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public double[] Score(IReadOnlyList<string> prompts, IReadOnlyList<string> responses)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(responses);
        if (prompts.Count != responses.Count)
        {
            throw new ArgumentException($"{prompts.Count} prompts but {responses.Count} responses.");
        }

        return prompts.Select((p, i) => _score(p, responses[i])).ToArray();
    }
}
