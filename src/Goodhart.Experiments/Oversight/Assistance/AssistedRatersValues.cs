namespace Goodhart.Experiments.Oversight.Assistance;

/// <summary>
/// The names of the <c>assisted-raters</c> kind's values, declared once: the critic's precision and recall, and per
/// condition the labels' agreement with gold, the reward model's accuracies, the rater's effort and the best-of-n
/// curve's gold peak, lowest point, their positions and gold at the largest n; with <c>ppo</c>, the PPO curve's start,
/// peak, lowest point and end. The curves against gold itself use the same names with the condition <see cref="Oracle"/>.
/// </summary>
public static class AssistedRatersValues
{
    /// <summary>The trained critic's precision on the held-out pairs' responses (share of its claims that verify).</summary>
    public const string CriticPrecision = "critic/precision";

    /// <summary>The trained critic's recall there (share of flawed responses on which it made a claim that verifies).</summary>
    public const string CriticRecall = "critic/recall";

    /// <summary>The critic's precision on fresh examples of the distribution it learned from (the SFT corpus's mix of answers).</summary>
    public const string CriticCorpusPrecision = "critic/corpus_precision";

    /// <summary>The critic's recall there.</summary>
    public const string CriticCorpusRecall = "critic/corpus_recall";

    /// <summary>Share of held-out responses the critic made a claim about.</summary>
    public const string CriticClaimRate = "critic/claim_rate";

    /// <summary>Share of held-out responses with a checkable flaw (some check fails).</summary>
    public const string FlawedRate = "critic/flawed_rate";

    /// <summary>The name under which the curves against gold itself are recorded (<c>gold/bon_gold_peak</c>, ...).</summary>
    public const string Oracle = "gold";

    /// <summary>Best-of-n against gold itself: the highest gold along the sweep (the oracle's curve).</summary>
    public const string OracleGoldPeak = "gold/bon_gold_peak";

    /// <summary>Best-of-n against gold: gold at the largest n.</summary>
    public const string OracleGoldEnd = "gold/bon_gold_end";

    /// <summary>The pool's mean gold (n = 1 in expectation).</summary>
    public const string GoldBaseline = "bon/gold_baseline";

    /// <summary>Share of the condition's training pairs (gold scores differing) whose chosen response has the higher gold.</summary>
    public static string LabelGoldAgreement(string condition) => condition + "/label_gold_agreement";

    /// <summary>The condition's reward model's held-out accuracy against gold (pairs whose gold scores differ).</summary>
    public static string RmGoldAccuracy(string condition) => condition + "/rm_gold_accuracy";

    /// <summary>The reward model's held-out accuracy against the condition's own labels.</summary>
    public static string RmAccuracy(string condition) => condition + "/rm_accuracy";

    /// <summary>Claims the rater verified per training label (its effort beyond its own checks).</summary>
    public static string ChecksPerLabel(string condition) => condition + "/checks_per_label";

    /// <summary>Answers the rater computed itself per training label (2 on a question it verifies, else 0).</summary>
    public static string OwnChecksPerLabel(string condition) => condition + "/own_checks_per_label";

    /// <summary>Training labels on which a verified claim showed a response flawed, per label.</summary>
    public static string FlawsShownPerLabel(string condition) => condition + "/flaws_shown_per_label";

    /// <summary>Best-of-n against the condition's reward model: the highest gold along the sweep.</summary>
    public static string GoldPeak(string condition) => condition + "/bon_gold_peak";

    /// <summary>sqrt(KL) at that peak.</summary>
    public static string PeakSqrtKl(string condition) => condition + "/bon_peak_sqrt_kl";

    /// <summary>Gold at the largest n.</summary>
    public static string GoldEnd(string condition) => condition + "/bon_gold_end";

    /// <summary>Gold at the peak minus gold at the largest n.</summary>
    public static string GoldFall(string condition) => condition + "/bon_gold_fall";

    /// <summary>The fall's standard error, paired over prompts.</summary>
    public static string GoldFallStandardError(string condition) => condition + "/bon_gold_fall_se";

    /// <summary>Best-of-n against the condition's reward model: the lowest gold along the sweep (n = 1 included).</summary>
    public static string GoldLowest(string condition) => condition + "/bon_gold_lowest";

    /// <summary>The lowest point's standard error over the best-of-n prompts.</summary>
    public static string GoldLowestStandardError(string condition) => condition + "/bon_gold_lowest_se";

    /// <summary>sqrt(KL) at the lowest point.</summary>
    public static string LowestSqrtKl(string condition) => condition + "/bon_lowest_sqrt_kl";

    /// <summary>PPO against gold itself (with <c>ppo</c>): the highest gold along the run (the ceiling of the PPO budget).</summary>
    public const string OraclePpoGoldPeak = "gold/ppo_gold_peak";

    /// <summary>PPO against gold: gold at the last evaluation point.</summary>
    public const string OraclePpoGoldEnd = "gold/ppo_gold_end";

    /// <summary>PPO against gold: sqrt(KL) at the last evaluation point.</summary>
    public const string OraclePpoEndSqrtKl = "gold/ppo_end_sqrt_kl";

    /// <summary>PPO against the condition's reward model: gold before any update (the SFT policy on the held-out prompts).</summary>
    public static string PpoGoldStart(string condition) => condition + "/ppo_gold_start";

    /// <summary>PPO against the condition's reward model: the highest gold at an evaluation point.</summary>
    public static string PpoGoldPeak(string condition) => condition + "/ppo_gold_peak";

    /// <summary>sqrt(KL) at that peak.</summary>
    public static string PpoPeakSqrtKl(string condition) => condition + "/ppo_peak_sqrt_kl";

    /// <summary>Gold at the last evaluation point.</summary>
    public static string PpoGoldEnd(string condition) => condition + "/ppo_gold_end";

    /// <summary>sqrt(KL) at the last evaluation point.</summary>
    public static string PpoEndSqrtKl(string condition) => condition + "/ppo_end_sqrt_kl";

    /// <summary>Gold at the peak minus gold at the end.</summary>
    public static string PpoGoldFall(string condition) => condition + "/ppo_gold_fall";

    /// <summary>The fall's standard error (the two points' standard errors over prompts, added in quadrature; 0 when the peak is the end).</summary>
    public static string PpoGoldFallStandardError(string condition) => condition + "/ppo_gold_fall_se";

    /// <summary>PPO: the lowest gold at an evaluation point (the start included), e.g. a dip that recovers.</summary>
    public static string PpoGoldLowest(string condition) => condition + "/ppo_gold_lowest";

    /// <summary>The lowest point's standard error over the held-out evaluation prompts.</summary>
    public static string PpoGoldLowestStandardError(string condition) => condition + "/ppo_gold_lowest_se";

    /// <summary>sqrt(KL) at the lowest point.</summary>
    public static string PpoLowestSqrtKl(string condition) => condition + "/ppo_lowest_sqrt_kl";

    /// <summary>The PPO iteration of the lowest point.</summary>
    public static string PpoLowestIteration(string condition) => condition + "/ppo_lowest_iteration";

    /// <summary>Gold before PPO minus the lowest gold (0 when gold never goes below its start).</summary>
    public static string PpoGoldDip(string condition) => condition + "/ppo_gold_dip";

    /// <summary>The dip's standard error (the start's and the lowest point's standard errors in quadrature; 0 when the lowest is the start).</summary>
    public static string PpoGoldDipStandardError(string condition) => condition + "/ppo_gold_dip_se";

    /// <summary>The reward model's mean score on the last evaluation point's samples.</summary>
    public static string PpoProxyEnd(string condition) => condition + "/ppo_proxy_end";
}
