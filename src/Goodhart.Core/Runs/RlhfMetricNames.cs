using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Runs;

/// <summary>
/// The names under which RLHF runs (best-of-n sweeps, PPO, DPO, reward models) keep their metrics in the run store,
/// along the pressure axis (n for best-of-n, the step for PPO and DPO): declared here once, for the code that writes
/// them (Goodhart.Learning's <c>PolicyEvaluation</c>, the best-of-n sweep) and the code that reads them (reports,
/// tables, exports). The training series keep TRL's names. A mean's standard error is stored beside it under the
/// mean's name with <see cref="StandardErrorSuffix"/> (<c>gold/score_se</c>, <c>behaviour/accuracy_se</c>).
/// </summary>
public static class RlhfMetricNames
{
    /// <summary>Run kind of a best-of-n sweep against one proxy.</summary>
    public const string BestOfNKind = RunKind.BestOfNName;

    /// <summary>Run kind of a PPO run.</summary>
    public const string PpoKind = RunKind.PpoName;

    /// <summary>Run kind of a DPO run.</summary>
    public const string DpoKind = RunKind.DpoName;

    /// <summary>Run kind of a reward-model (or ensemble) training with its held-out evaluation.</summary>
    public const string RewardModelKind = RunKind.RewardModelName;

    /// <summary>Prefix of the env column of RLHF runs: <c>rlhf:RATER</c>.</summary>
    public const string EnvPrefix = "rlhf:";

    /// <summary>Mean gold score of the responses at a point.</summary>
    public const string Gold = "gold/score";

    /// <summary>Suffix of a mean's standard error over prompts (or samples), stored beside the mean.</summary>
    public const string StandardErrorSuffix = "_se";

    /// <summary>Standard error of <see cref="Gold"/> over prompts.</summary>
    public const string GoldStandardError = Gold + StandardErrorSuffix;

    /// <summary>Standard error of <see cref="Proxy"/> over prompts.</summary>
    public const string ProxyStandardError = Proxy + StandardErrorSuffix;

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

    /// <summary>The behaviour rates shown in the decomposition plots, in order (names without <see cref="BehaviourPrefix"/>).</summary>
    public static readonly IReadOnlyList<string> BehaviourRates =
    [
        BehaviourMetrics.AccuracyName, BehaviourMetrics.ConfidentWrongRateName, BehaviourMetrics.SycophancyRateName,
        BehaviourMetrics.HedgingRateName, BehaviourMetrics.FlatteryRateName, BehaviourMetrics.UnparseableRateName,
    ];

    /// <summary>Mean characters per response (without <see cref="BehaviourPrefix"/>), plotted on its own axis beside the rates.</summary>
    public const string MeanLength = BehaviourMetrics.MeanLengthName;

    /// <summary>The name under which the standard error of the mean stored as <paramref name="name"/> is kept.</summary>
    public static string StandardErrorOf(string name) => name + StandardErrorSuffix;

    /// <summary>Whether <paramref name="name"/> names a standard error (ends in <see cref="StandardErrorSuffix"/>).</summary>
    public static bool IsStandardError(string name) => name.EndsWith(StandardErrorSuffix, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="kind"/> is one of the RLHF kinds.</summary>
    public static bool IsRlhf(string kind) => RunKind.Of(kind).IsRlhf;
}
