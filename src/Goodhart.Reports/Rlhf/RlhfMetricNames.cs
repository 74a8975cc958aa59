namespace Goodhart.Reports.Rlhf;

/// <summary>
/// The names under which RLHF runs (best-of-n sweeps, PPO, DPO, reward models) keep their metrics in the run store,
/// along the pressure axis (n for best-of-n, the step for PPO and DPO). The evaluation names are those of
/// Goodhart.Learning's <c>PolicyEvaluation</c>; the training series keep TRL's names.
/// </summary>
public static class RlhfMetricNames
{
    /// <summary>Run kind of a best-of-n sweep against one proxy.</summary>
    public const string BestOfNKind = "rlhf-bon";

    /// <summary>Run kind of a PPO run.</summary>
    public const string PpoKind = "rlhf-ppo";

    /// <summary>Run kind of a DPO run.</summary>
    public const string DpoKind = "rlhf-dpo";

    /// <summary>Run kind of a reward-model (or ensemble) training with its held-out evaluation.</summary>
    public const string RewardModelKind = "rlhf-rm";

    /// <summary>Prefix of the env column of RLHF runs: <c>rlhf:RATER</c>.</summary>
    public const string EnvPrefix = "rlhf:";

    /// <summary>Mean gold score of the responses at a point.</summary>
    public const string Gold = "gold/score";

    /// <summary>Standard error of <see cref="Gold"/> over prompts (best-of-n).</summary>
    public const string GoldStandardError = "gold/score_se";

    /// <summary>
    /// Best-of-n only: the standard error, paired over prompts, of (gold at this n - gold at the largest n), the
    /// standard error of the fall from this point to the end (<c>Goodhart.Core.Rlhf.GoodhartTurn</c>).
    /// </summary>
    public const string GoldFallStandardError = "gold/fall_to_end_se";

    /// <summary>The policy's own mean gold score, the baseline at KL 0 (best-of-n: the pool mean; step 0).</summary>
    public const string GoldBaseline = "gold/baseline";

    /// <summary>The policy's own mean proxy score (best-of-n: the pool mean; step 0).</summary>
    public const string ProxyBaseline = "eval/scores_baseline";

    /// <summary>KL to the reference policy in nats (best-of-n: the analytic log n - (n-1)/n).</summary>
    public const string Kl = "eval/kl";

    /// <summary>Best-of-n only: the exact KL on the empirical pool.</summary>
    public const string KlEstimated = "eval/kl_estimated";

    /// <summary>Gao et al.'s d = sqrt(KL): the pressure axis of every plot.</summary>
    public const string SqrtKl = "eval/sqrt_kl";

    /// <summary>Mean proxy score of the responses.</summary>
    public const string Proxy = "eval/scores";

    /// <summary>Prefix of the behaviour decomposition (<c>behaviour/accuracy</c>, ...).</summary>
    public const string BehaviourPrefix = "behaviour/";

    /// <summary>Suffix of a scorer's held-out accuracy against the rater's labels in a reward-model run (<c>rm/eval_accuracy</c>).</summary>
    public const string EvalAccuracySuffix = "/eval_accuracy";

    /// <summary>Suffix of a scorer's held-out accuracy against gold.</summary>
    public const string EvalGoldAccuracySuffix = "/eval_gold_accuracy";

    /// <summary>Suffix of the rater's own agreement with gold on the same pairs.</summary>
    public const string EvalRaterGoldAccuracySuffix = "/eval_rater_gold_accuracy";

    /// <summary>Suffix of the rater ceiling (mean max(p, 1 - p)).</summary>
    public const string EvalRaterCeilingSuffix = "/eval_rater_ceiling";

    /// <summary>The behaviour rates shown in the decomposition plots, in order (mean length is shown in tables only).</summary>
    public static readonly IReadOnlyList<string> BehaviourRates =
    [
        "accuracy", "confident_wrong_rate", "sycophancy_rate", "hedging_rate", "flattery_rate", "unparseable_rate",
    ];

    /// <summary>Whether <paramref name="kind"/> is one of the RLHF kinds.</summary>
    public static bool IsRlhf(string kind) => kind.StartsWith("rlhf-", StringComparison.Ordinal);
}
