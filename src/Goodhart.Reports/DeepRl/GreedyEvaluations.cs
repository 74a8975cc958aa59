using Goodhart.Core.Runs;

namespace Goodhart.Reports.DeepRl;

/// <summary>
/// A deep run's periodic greedy evaluations (<c>deep/greedy_return</c> and <c>deep/greedy_performance</c>, each point
/// the mean over that evaluation's greedy episodes), on the env-step axis; drawn in a run report beside the sampled
/// training episodes.
/// </summary>
/// <param name="Return">The greedy episodes' mean visible return at each evaluation (step: env steps).</param>
/// <param name="Performance">Their mean hidden performance (empty when the env does not count it).</param>
/// <param name="Episodes">Greedy episodes per evaluation, when known (the n of each point).</param>
public sealed record GreedyEvaluations(IReadOnlyList<MetricPoint> Return, IReadOnlyList<MetricPoint> Performance, int? Episodes = null)
{
    /// <summary>Whether there is anything to draw.</summary>
    public bool IsEmpty => Return.All(p => !double.IsFinite(p.Value)) && Performance.All(p => !double.IsFinite(p.Value));
}
