namespace Goodhart.Experiments.Rlhf;

/// <summary>
/// The names of the <c>rlhf-pipeline</c> kind's results, declared once: per curve (<c>bon/PROXY</c>,
/// <c>ppo/PROXY</c>, <c>dpo/beta-B</c>) the gold peak, the fall from the peak to the end with its standard error, and
/// gold and proxy at the end; the reward models' held-out accuracies; the labels' agreement with gold.
/// </summary>
public static class RlhfPipelineValues
{
    /// <summary>Share of training pairs (gold scores differing) whose chosen response has the higher gold score.</summary>
    public const string LabelGoldAgreement = "label/gold_agreement";

    /// <summary>Member 0's held-out accuracy against the rater's labels.</summary>
    public const string RmAccuracy = "rm/accuracy";

    /// <summary>Member 0's held-out accuracy against gold (pairs whose gold scores differ).</summary>
    public const string RmGoldAccuracy = "rm/gold_accuracy";

    /// <summary>Member 0's accuracy on the held-out easy pairs with one right and one wrong answer (the rater's check).</summary>
    public const string RmCheckAccuracy = "rm/check_accuracy";

    /// <summary>The rater's own agreement with gold on the held-out pairs (the ceiling of a reward model of it).</summary>
    public const string RaterGoldAccuracy = "rm/rater_gold_accuracy";

    /// <summary>The highest gold score along the curve.</summary>
    public static string GoldPeak(string curve) => curve + "/gold_peak";

    /// <summary>sqrt(KL) at the gold peak.</summary>
    public static string PeakSqrtKl(string curve) => curve + "/peak_sqrt_kl";

    /// <summary>Gold at the peak minus gold at the end (positive: gold turned down).</summary>
    public static string GoldFall(string curve) => curve + "/gold_fall";

    /// <summary>
    /// Standard error of <see cref="GoldFall"/>: paired over prompts where the curve stores it (best-of-n, the
    /// <see cref="Goodhart.Core.Rlhf.GoodhartTurn"/> the demo prints), else the two points' errors in quadrature; NaN
    /// where the curve stores none.
    /// </summary>
    public static string GoldFallStandardError(string curve) => curve + "/gold_fall_se";

    /// <summary><see cref="GoldFall"/> over <see cref="GoldFallStandardError"/> (NaN where there is no error).</summary>
    public static string GoldFallZ(string curve) => curve + "/gold_fall_z";

    /// <summary>Gold at the end of the curve.</summary>
    public static string GoldEnd(string curve) => curve + "/gold_end";

    /// <summary>The proxy's score at the end of the curve.</summary>
    public static string ProxyEnd(string curve) => curve + "/proxy_end";
}
