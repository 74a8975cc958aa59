using System.Text.RegularExpressions;
using Goodhart.Evals.Harness;
using Goodhart.Evals.Metrics;

namespace Goodhart.Evals.Scorers;

/// <summary>
/// Inspect's <c>pattern</c>: extracts the answer with a regular expression (its first group, else the whole match,
/// last match in the text). With targets, correct when the extraction equals one (normalised, case-insensitive);
/// without targets, correct when the pattern matches at all. No match is incorrect.
/// </summary>
public sealed class PatternScorer : IScorer
{
    private readonly Regex _regex;

    /// <summary>A scorer extracting with <paramref name="pattern"/>.</summary>
    public PatternScorer(string pattern, IReadOnlyList<IMetric>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        try
        {
            _regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"invalid regex '{pattern}': {e.Message}", e);
        }
        Pattern = pattern;
        Metrics = metrics ?? StandardMetrics.Accuracy;
    }

    /// <summary>The pattern.</summary>
    public string Pattern { get; }

    /// <inheritdoc />
    public string Name => "pattern";

    /// <inheritdoc />
    public IReadOnlyList<IMetric> Metrics { get; }

    /// <inheritdoc />
    public Task<Score> ScoreAsync(TaskState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        Match? last = null;
        try
        {
            foreach (Match m in _regex.Matches(state.Completion))
                last = m;
        }
        catch (RegexMatchTimeoutException)
        {
            return Task.FromResult(Score.Unscored($"pattern '{Pattern}' timed out on the answer"));
        }
        if (last is null)
            return Task.FromResult(Score.Correct(false, null, $"pattern '{Pattern}' did not match"));
        var answer = last.Groups.Count > 1 && last.Groups[1].Success ? last.Groups[1].Value : last.Value;
        if (state.Sample.Target.Count == 0)
            return Task.FromResult(Score.Correct(true, answer, $"pattern '{Pattern}' matched"));
        var normalised = AnswerText.Normalise(answer, ignoreCase: true);
        var target = state.Sample.Target.FirstOrDefault(t => AnswerText.Normalise(t, ignoreCase: true) == normalised);
        return Task.FromResult(Score.Correct(target is not null, answer, target is null ? "extraction equals no target" : $"extraction equals target '{target}'"));
    }
}
