using System.Text.Json.Serialization;
using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// One n of a best-of-n sweep, averaged over prompts: the KL from the policy (analytic log n - (n-1)/n, and the
/// exact KL on the empirical pool, <see cref="BestOfNKl.Empirical"/>), the proxy and gold scores of the picked
/// responses, and their behaviour.
/// </summary>
/// <param name="N">Samples per prompt the pick was made from.</param>
/// <param name="AnalyticKl">log n - (n - 1)/n.</param>
/// <param name="EstimatedKl">Mean over prompts of the exact KL of best-of-n on the prompt's pool of samples.</param>
/// <param name="ProxyMean">Mean proxy score of the picked responses.</param>
/// <param name="GoldMean">Mean gold score of the picked responses.</param>
/// <param name="GoldStandardError">Standard error of <paramref name="GoldMean"/> over prompts.</param>
/// <param name="Behaviour">Behaviour metrics of the picked responses.</param>
public sealed record BestOfNPoint(
    int N, double AnalyticKl, double EstimatedKl, double ProxyMean, double GoldMean, double GoldStandardError, BehaviourMetrics Behaviour)
{
    /// <summary>
    /// Gold score of the picked response of each prompt (with the unbiased estimator, its expectation over the
    /// pool's size-n subsets), in the pool's prompt order (every n of a sweep scores the
    /// same prompts: <see cref="BestOfNCurve.Turn"/> pairs them); empty when not recorded. Not written to JSON.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<double> PromptGold { get; init; } = [];
    /// <summary>Standard error of <see cref="ProxyMean"/> over prompts (0 with a single prompt, like <see cref="GoldStandardError"/>).</summary>
    public double ProxyStandardError { get; init; }

    /// <summary>d = sqrt(analytic KL), Gao et al.'s x axis.</summary>
    public double D => Math.Sqrt(AnalyticKl);

    /// <summary>
    /// The point as metric points at step n (the names of <see cref="RlhfMetricNames"/>): gold and proxy means with
    /// their standard errors, the analytic and estimated KL, d, the behaviour metrics and their standard errors.
    /// </summary>
    public IReadOnlyList<MetricPoint> ToMetricPoints()
    {
        var points = new List<MetricPoint>
        {
            new(RlhfMetricNames.Gold, N, GoldMean),
            new(RlhfMetricNames.GoldStandardError, N, GoldStandardError),
            new(RlhfMetricNames.Kl, N, AnalyticKl),
            new(RlhfMetricNames.KlEstimated, N, EstimatedKl),
            new(RlhfMetricNames.SqrtKl, N, D),
            new(RlhfMetricNames.Proxy, N, ProxyMean),
            new(RlhfMetricNames.ProxyStandardError, N, ProxyStandardError),
        };
        points.AddRange(Behaviour.Named(RlhfMetricNames.BehaviourPrefix).Select(b => new MetricPoint(b.Key, N, b.Value)));
        points.AddRange(Behaviour.NamedStandardErrors(RlhfMetricNames.BehaviourPrefix).Select(b => new MetricPoint(b.Key, N, b.Value)));
        return points;
    }
}
