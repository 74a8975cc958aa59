using Goodhart.Core.Runs;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// One PPO iteration's diagnostics under TRL's names. Rollout figures are means over the batch's responses of
/// per-response sums; update figures are means over the minibatch updates of all PPO epochs.
/// </summary>
/// <param name="Kl">Mean of sum_t (log pi - log pi_ref) over the rollout's responses (<c>objective/kl</c>).</param>
/// <param name="Entropy">Mean of sum_t -log pi(y_t) over the responses, a sampled estimate of the sequence entropy (<c>objective/entropy</c>).</param>
/// <param name="NonScoreReward">Mean of the summed KL penalty -kl_coef sum_t (log pi - log pi_ref) (<c>objective/non_score_reward</c>).</param>
/// <param name="RlhfReward">Mean score plus mean KL penalty (<c>objective/rlhf_reward</c>).</param>
/// <param name="Scores">Mean score of the responses under the scorer (<c>objective/scores</c>).</param>
/// <param name="ApproxKl">Mean of the minibatches' approximate KL to the rollout policy (<c>policy/approxkl_avg</c>).</param>
/// <param name="ClipFraction">Mean share of clipped policy terms (<c>policy/clipfrac_avg</c>).</param>
/// <param name="PolicyLoss">Mean clipped-surrogate loss (<c>loss/policy_avg</c>).</param>
/// <param name="ValueLoss">Mean clipped value loss (<c>loss/value_avg</c>).</param>
/// <param name="ValueClipFraction">Mean share of clipped value terms (<c>val/clipfrac_avg</c>).</param>
/// <param name="PolicyEntropy">Mean per-token entropy of the policy's next-token distributions during the updates (<c>policy/entropy_avg</c>).</param>
/// <param name="Ratio">Mean probability ratio pi / pi_old during the updates (<c>val/ratio</c>).</param>
/// <param name="VarianceExplained">1 - Var(returns - values) / Var(returns) of the rollout's values (<c>val/var_explained</c>).</param>
/// <param name="EosCount">Responses that ended with eos rather than at the length limit (<c>val/num_eos_tokens</c>).</param>
/// <param name="MeanLength">Mean tokens per response, eos included (<c>val/mean_length</c>).</param>
public sealed record PpoStepStatistics(
    double Kl,
    double Entropy,
    double NonScoreReward,
    double RlhfReward,
    double Scores,
    double ApproxKl,
    double ClipFraction,
    double PolicyLoss,
    double ValueLoss,
    double ValueClipFraction,
    double PolicyEntropy,
    double Ratio,
    double VarianceExplained,
    int EosCount,
    double MeanLength)
{
    /// <summary>TRL's name of <see cref="Kl"/>.</summary>
    public const string KlName = "objective/kl";

    /// <summary>TRL's name of <see cref="Entropy"/>.</summary>
    public const string EntropyName = "objective/entropy";

    /// <summary>TRL's name of <see cref="NonScoreReward"/>.</summary>
    public const string NonScoreRewardName = "objective/non_score_reward";

    /// <summary>TRL's name of <see cref="RlhfReward"/>.</summary>
    public const string RlhfRewardName = "objective/rlhf_reward";

    /// <summary>TRL's name of <see cref="Scores"/>.</summary>
    public const string ScoresName = "objective/scores";

    /// <summary>TRL's name of <see cref="ApproxKl"/>.</summary>
    public const string ApproxKlName = "policy/approxkl_avg";

    /// <summary>TRL's name of <see cref="ClipFraction"/>.</summary>
    public const string ClipFractionName = "policy/clipfrac_avg";

    /// <summary>TRL's name of <see cref="PolicyLoss"/>.</summary>
    public const string PolicyLossName = "loss/policy_avg";

    /// <summary>TRL's name of <see cref="ValueLoss"/>.</summary>
    public const string ValueLossName = "loss/value_avg";

    /// <summary>TRL's name of <see cref="ValueClipFraction"/>.</summary>
    public const string ValueClipFractionName = "val/clipfrac_avg";

    /// <summary>TRL's name of <see cref="PolicyEntropy"/>.</summary>
    public const string PolicyEntropyName = "policy/entropy_avg";

    /// <summary>TRL's name of <see cref="Ratio"/>.</summary>
    public const string RatioName = "val/ratio";

    /// <summary>CleanRL's explained variance under TRL's prefix.</summary>
    public const string VarianceExplainedName = "val/var_explained";

    /// <summary>TRL's name of <see cref="EosCount"/>.</summary>
    public const string EosCountName = "val/num_eos_tokens";

    /// <summary>Name of <see cref="MeanLength"/>.</summary>
    public const string MeanLengthName = "val/mean_length";

    /// <summary>The diagnostics as metric points at <paramref name="step"/>.</summary>
    public IReadOnlyList<MetricPoint> ToMetricPoints(long step) =>
    [
        new(KlName, step, Kl),
        new(EntropyName, step, Entropy),
        new(NonScoreRewardName, step, NonScoreReward),
        new(RlhfRewardName, step, RlhfReward),
        new(ScoresName, step, Scores),
        new(ApproxKlName, step, ApproxKl),
        new(ClipFractionName, step, ClipFraction),
        new(PolicyLossName, step, PolicyLoss),
        new(ValueLossName, step, ValueLoss),
        new(ValueClipFractionName, step, ValueClipFraction),
        new(PolicyEntropyName, step, PolicyEntropy),
        new(RatioName, step, Ratio),
        new(VarianceExplainedName, step, VarianceExplained),
        new(EosCountName, step, EosCount),
        new(MeanLengthName, step, MeanLength),
    ];
}
