using Goodhart.Core.Rlhf;

namespace Goodhart.Web.Rating;

/// <summary>
/// One N of the best-of-N sweep against the person's reward model, averaged over the held-out prompts: how far the
/// picks are from the policy (KL), what the reward model thinks of them (the proxy) and what they are really worth
/// (gold), and how they behave.
/// </summary>
/// <param name="N">Samples per prompt the reward model picked from.</param>
/// <param name="Kl">Analytic KL of best-of-N from the policy, log N - (N - 1)/N (nats).</param>
/// <param name="Proxy">Mean reward-model score of the picks, minus the mean over all samples (so the policy itself is at 0).</param>
/// <param name="Gold">Mean gold score of the picks.</param>
public sealed record RatingCurvePoint(int N, double Kl, double Proxy, double Gold)
{
    /// <summary>The exact KL of best-of-N on the sampled pool (<see cref="BestOfNKl.Empirical"/>), at most <see cref="Kl"/>.</summary>
    public double EstimatedKl { get; init; }

    /// <summary>Standard error of <see cref="Gold"/> over prompts.</summary>
    public double GoldStandardError { get; init; }

    /// <summary>Share of the picks stated with confidence words.</summary>
    public double ConfidentRate { get; init; }

    /// <summary>Behaviour of the picks: accuracy, confident-wrong, sycophancy, hedging, flattery, mean length.</summary>
    public required BehaviourMetrics Behaviour { get; init; }
}
