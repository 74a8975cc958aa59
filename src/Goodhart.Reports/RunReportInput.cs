using Goodhart.Core.Runs;

namespace Goodhart.Reports;

/// <summary>One run to report: its record, its episodes, and what it is compared against.</summary>
/// <param name="Run">The stored run.</param>
/// <param name="Episodes">The run's episodes (training and evaluation, in any order; sorted by episode index when reported).</param>
/// <param name="OraclePerformance">Best achievable performance (e.g. from the planning oracle), drawn as a reference line; null if unknown.</param>
/// <param name="Label">Display name in headings and legends; null to use the run id.</param>
/// <param name="Greedy">A deep run's periodic greedy evaluations, drawn against env steps; null or empty: no such plot.</param>
public sealed record RunReportInput(
    RunRecord Run,
    IReadOnlyList<EpisodeRecord> Episodes,
    double? OraclePerformance = null,
    string? Label = null,
    DeepRl.GreedyEvaluations? Greedy = null)
{
    /// <summary>The label to show: <see cref="Label"/> if set, else the run id.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(Label) ? Run.Id : Label;

    /// <summary>Training (non-evaluation) episodes, by episode index.</summary>
    public IReadOnlyList<EpisodeRecord> TrainingEpisodes() =>
        [.. Episodes.Where(e => !e.Evaluation).OrderBy(e => e.Episode)];

    /// <summary>Evaluation episodes, by episode index.</summary>
    public IReadOnlyList<EpisodeRecord> EvaluationEpisodes() =>
        [.. Episodes.Where(e => e.Evaluation).OrderBy(e => e.Episode)];
}
