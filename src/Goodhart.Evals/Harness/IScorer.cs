namespace Goodhart.Evals.Harness;

/// <summary>Scores a solved task state (Inspect's Scorer) and names the metrics its values are summarised with.</summary>
public interface IScorer
{
    /// <summary>Short name for logs and reports (e.g. <c>includes</c>, <c>refusal</c>); unique within a task.</summary>
    string Name { get; }

    /// <summary>The metrics over this scorer's scored values (e.g. accuracy, stderr).</summary>
    IReadOnlyList<IMetric> Metrics { get; }

    /// <summary>The verdict on <paramref name="state"/>; returns <see cref="Score.Unscored"/> rather than throwing when it cannot decide.</summary>
    Task<Score> ScoreAsync(TaskState state, CancellationToken cancellationToken);
}
