using Goodhart.Evals.Harness;
using Goodhart.Evals.Metrics;

namespace Goodhart.Evals.Scorers;

/// <summary>Inspect's <c>includes</c>: correct when the last answer contains any target. A sample without a target is unscored.</summary>
public sealed class IncludesScorer : IScorer
{
    /// <summary>An includes scorer, case-insensitive unless <paramref name="ignoreCase"/> is false.</summary>
    public IncludesScorer(bool ignoreCase = true, IReadOnlyList<IMetric>? metrics = null)
    {
        IgnoreCase = ignoreCase;
        Metrics = metrics ?? StandardMetrics.Accuracy;
    }

    /// <summary>Whether case is ignored.</summary>
    public bool IgnoreCase { get; }

    /// <inheritdoc />
    public string Name => "includes";

    /// <inheritdoc />
    public IReadOnlyList<IMetric> Metrics { get; }

    /// <inheritdoc />
    public Task<Score> ScoreAsync(TaskState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Sample.Target.Count == 0)
            return Task.FromResult(Score.Unscored("sample has no target"));
        var comparison = IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var completion = state.Completion;
        var found = state.Sample.Target.FirstOrDefault(t => t.Length > 0 && completion.Contains(t, comparison));
        return Task.FromResult(Score.Correct(found is not null, found, found is null ? "no target found in the answer" : $"contains '{found}'"));
    }
}
