using Goodhart.Evals.Harness;
using Goodhart.Evals.Metrics;

namespace Goodhart.Evals.Scorers;

/// <summary>
/// Inspect's <c>exact</c>/<c>match</c>: correct when the last answer, normalised (<see cref="AnswerText.Normalise"/>),
/// equals a normalised target. A sample without a target is unscored.
/// </summary>
public sealed class ExactScorer : IScorer
{
    /// <summary>An exact scorer, case-insensitive unless <paramref name="ignoreCase"/> is false.</summary>
    public ExactScorer(bool ignoreCase = true, IReadOnlyList<IMetric>? metrics = null)
    {
        IgnoreCase = ignoreCase;
        Metrics = metrics ?? StandardMetrics.Accuracy;
    }

    /// <summary>Whether case is ignored.</summary>
    public bool IgnoreCase { get; }

    /// <inheritdoc />
    public string Name => "exact";

    /// <inheritdoc />
    public IReadOnlyList<IMetric> Metrics { get; }

    /// <inheritdoc />
    public Task<Score> ScoreAsync(TaskState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Sample.Target.Count == 0)
            return Task.FromResult(Score.Unscored("sample has no target"));
        var answer = AnswerText.Normalise(state.Completion, IgnoreCase);
        var match = state.Sample.Target.FirstOrDefault(t => AnswerText.Normalise(t, IgnoreCase) == answer);
        return Task.FromResult(Score.Correct(match is not null, answer, match is null ? "no target equals the answer" : $"equals target '{match}'"));
    }
}
