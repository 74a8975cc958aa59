using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// What a policy does on held-out prompts at one point of a run: the mean gold score of its samples, the
/// sequence-level KL to the reference (Monte-Carlo over its own samples), the proxy's mean score when a scorer was
/// given, and the behaviour decomposition (accuracy, confident-wrong, sycophancy, hedging, length, ...).
/// </summary>
/// <param name="Step">The optimizer step the policy had reached.</param>
/// <param name="GoldScore">Mean gold reward of the samples.</param>
/// <param name="Kl">Mean over samples of log pi(y|x) - log pi_ref(y|x), in nats (an unbiased estimate of KL(pi || pi_ref)).</param>
/// <param name="KlStandardError">Standard error of <paramref name="Kl"/> over the samples.</param>
/// <param name="ProxyScore">Mean score of the samples under the run's scorer, or null when none was given.</param>
/// <param name="Behaviour">The behaviour metrics of the samples.</param>
/// <param name="Responses">The sampled responses (decoded, up to eos), one per held-out prompt.</param>
public sealed record PolicyEvaluation(
    long Step,
    double GoldScore,
    double Kl,
    double KlStandardError,
    double? ProxyScore,
    BehaviourMetrics Behaviour,
    IReadOnlyList<string> Responses)
{
    /// <summary>Metric name of <see cref="GoldScore"/> (<see cref="RlhfMetricNames.Gold"/>, where every RLHF metric name is declared).</summary>
    public const string GoldScoreName = RlhfMetricNames.Gold;

    /// <summary>Metric name of <see cref="Kl"/> (<see cref="RlhfMetricNames.Kl"/>).</summary>
    public const string KlName = RlhfMetricNames.Kl;

    /// <summary>Metric name of <see cref="SqrtKl"/> (<see cref="RlhfMetricNames.SqrtKl"/>).</summary>
    public const string SqrtKlName = RlhfMetricNames.SqrtKl;

    /// <summary>Metric name of <see cref="ProxyScore"/> (<see cref="RlhfMetricNames.Proxy"/>).</summary>
    public const string ProxyScoreName = RlhfMetricNames.Proxy;

    /// <summary>Prefix of the behaviour metrics' names (<see cref="RlhfMetricNames.BehaviourPrefix"/>).</summary>
    public const string BehaviourPrefix = RlhfMetricNames.BehaviourPrefix;

    /// <summary>Standard error of <see cref="GoldScore"/> over the held-out prompts; null when unknown (one prompt).</summary>
    public double? GoldStandardError { get; init; }

    /// <summary>Standard error of <see cref="ProxyScore"/> over the held-out prompts; null without a proxy or with one prompt.</summary>
    public double? ProxyStandardError { get; init; }

    /// <summary>Gao et al.'s distance d = sqrt(KL) (a negative estimate counts as 0).</summary>
    public double SqrtKl => Math.Sqrt(Math.Max(0, Kl));

    /// <summary>The evaluation as metric points at <see cref="Step"/>.</summary>
    public IReadOnlyList<MetricPoint> ToMetricPoints()
    {
        var points = new List<MetricPoint>
        {
            new(GoldScoreName, Step, GoldScore),
        };
        if (GoldStandardError is { } goldSe)
        {
            points.Add(new MetricPoint(RlhfMetricNames.GoldStandardError, Step, goldSe));
        }

        points.AddRange(
        [
            new(KlName, Step, Kl),
            new(SqrtKlName, Step, SqrtKl),
        ]);
        if (ProxyScore is { } proxy)
        {
            points.Add(new MetricPoint(ProxyScoreName, Step, proxy));
        }

        if (ProxyStandardError is { } proxySe)
        {
            points.Add(new MetricPoint(RlhfMetricNames.ProxyStandardError, Step, proxySe));
        }

        points.AddRange(Behaviour.Named(BehaviourPrefix).Select(p => new MetricPoint(p.Key, Step, p.Value)));
        points.AddRange(Behaviour.NamedStandardErrors(BehaviourPrefix).Select(p => new MetricPoint(p.Key, Step, p.Value)));
        return points;
    }
}
