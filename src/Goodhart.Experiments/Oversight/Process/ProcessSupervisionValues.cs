using System.Globalization;

namespace Goodhart.Experiments.Oversight.Process;

/// <summary>The names of the <c>process-supervision</c> kind's values.</summary>
public static class ProcessSupervisionValues
{
    /// <summary>The outcome reward model from the weak rater's final-answer preferences.</summary>
    public const string WeakOrm = "orm-weak";

    /// <summary>The process reward model from the weak rater's step labels.</summary>
    public const string WeakPrm = "prm-weak";

    /// <summary>The outcome reward model from the strong rater's final-answer preferences.</summary>
    public const string StrongOrm = "orm-strong";

    /// <summary>The gold reward itself (the ceiling of best-of-n on the pool).</summary>
    public const string Gold = "gold";

    /// <summary>The proxies compared, in the report's order.</summary>
    public static readonly IReadOnlyList<string> Proxies = [WeakOrm, WeakPrm, StrongOrm, Gold];

    /// <summary>Share of the SFT corpus's responses whose work holds a mistake before the answer.</summary>
    public const string CorpusWrongWork = "corpus/wrong_work";

    /// <summary>Accuracy of the SFT corpus's final answers.</summary>
    public const string CorpusAccuracy = "corpus/accuracy";

    /// <summary>Share of the policy's held-out samples that show work which reads (no malformed step).</summary>
    public const string PolicyWellFormed = "policy/well_formed_work";

    /// <summary>Accuracy of the policy's held-out samples' final answers.</summary>
    public const string PolicyAccuracy = "policy/accuracy";

    /// <summary>The weak rater's choice agrees with gold on held-out pairs whose gold differs.</summary>
    public const string WeakRaterGold = "rater/weak_gold_accuracy";

    /// <summary>The strong rater's choice agrees with gold on held-out pairs whose gold differs.</summary>
    public const string StrongRaterGold = "rater/strong_gold_accuracy";

    /// <summary>Small steps the weak rater checked per response it labelled step by step.</summary>
    public const string StepsCheckedPerLabel = "effort/steps_checked_per_label";

    /// <summary>Steps labelled per response (up to the first rejected).</summary>
    public const string StepsLabelledPerLabel = "effort/steps_labelled_per_label";

    /// <summary>Share of step labels that agree with the checker's verdict (the weak rater's step-label accuracy).</summary>
    public const string StepLabelAccuracy = "effort/step_label_accuracy";

    /// <summary>A proxy's accuracy against gold on held-out pairs whose gold differs.</summary>
    public static string GoldAccuracy(string proxy) => $"rm/{proxy}/gold_accuracy";

    /// <summary>Gold of best-of-n against a proxy at one n.</summary>
    public static string GoldAt(string proxy, int n) => string.Create(CultureInfo.InvariantCulture, $"bon/{proxy}/gold@{n}");

    /// <summary>Standard error over prompts of <see cref="GoldAt"/>.</summary>
    public static string GoldSeAt(string proxy, int n) => string.Create(CultureInfo.InvariantCulture, $"bon/{proxy}/gold_se@{n}");

    /// <summary>The highest gold along the sweep.</summary>
    public static string GoldPeak(string proxy) => $"bon/{proxy}/gold_peak";

    /// <summary>sqrt(KL) at the peak.</summary>
    public static string PeakSqrtKl(string proxy) => $"bon/{proxy}/peak_sqrt_kl";

    /// <summary>Gold at the largest n.</summary>
    public static string GoldEnd(string proxy) => $"bon/{proxy}/gold_end";

    /// <summary>Peak minus end (0 when gold peaks at the largest n).</summary>
    public static string GoldFall(string proxy) => $"bon/{proxy}/gold_fall";

    /// <summary>Standard error of <see cref="GoldFall"/>, paired over the prompts (<see cref="Core.Rlhf.GoodhartTurn"/>; 0 when gold peaks at the largest n).</summary>
    public static string GoldFallSe(string proxy) => $"bon/{proxy}/gold_fall_se";

    /// <summary>The lowest gold along the sweep (n = 1 included).</summary>
    public static string GoldLowest(string proxy) => $"bon/{proxy}/gold_lowest";

    /// <summary>Standard error over prompts of <see cref="GoldLowest"/>.</summary>
    public static string GoldLowestSe(string proxy) => $"bon/{proxy}/gold_lowest_se";

    /// <summary>sqrt(KL) at the lowest point.</summary>
    public static string LowestSqrtKl(string proxy) => $"bon/{proxy}/lowest_sqrt_kl";

    /// <summary>Gold of PPO against a proxy at one evaluation point (its PPO iteration).</summary>
    public static string PpoGoldAt(string proxy, long step) => string.Create(CultureInfo.InvariantCulture, $"ppo/{proxy}/gold@{step}");

    /// <summary>Standard error over the held-out prompts of <see cref="PpoGoldAt"/>.</summary>
    public static string PpoGoldSeAt(string proxy, long step) => string.Create(CultureInfo.InvariantCulture, $"ppo/{proxy}/gold_se@{step}");

    /// <summary>sqrt(KL to the SFT policy) at one evaluation point of PPO against a proxy.</summary>
    public static string PpoSqrtKlAt(string proxy, long step) => string.Create(CultureInfo.InvariantCulture, $"ppo/{proxy}/sqrt_kl@{step}");

    /// <summary>The prefix of <see cref="PpoGoldAt"/>'s names for a proxy (the report finds the evaluation points by it).</summary>
    public static string PpoGoldAtPrefix(string proxy) => $"ppo/{proxy}/gold@";

    /// <summary>PPO against a proxy: gold before any update.</summary>
    public static string PpoGoldStart(string proxy) => $"ppo/{proxy}/gold_start";

    /// <summary>PPO against a proxy: the highest gold at an evaluation point.</summary>
    public static string PpoGoldPeak(string proxy) => $"ppo/{proxy}/gold_peak";

    /// <summary>sqrt(KL) at that peak.</summary>
    public static string PpoPeakSqrtKl(string proxy) => $"ppo/{proxy}/peak_sqrt_kl";

    /// <summary>Gold at the last evaluation point.</summary>
    public static string PpoGoldEnd(string proxy) => $"ppo/{proxy}/gold_end";

    /// <summary>sqrt(KL) at the last evaluation point.</summary>
    public static string PpoEndSqrtKl(string proxy) => $"ppo/{proxy}/end_sqrt_kl";

    /// <summary>Peak minus end.</summary>
    public static string PpoGoldFall(string proxy) => $"ppo/{proxy}/gold_fall";

    /// <summary>Standard error of <see cref="PpoGoldFall"/> (the two points' standard errors in quadrature; 0 when the peak is the end).</summary>
    public static string PpoGoldFallSe(string proxy) => $"ppo/{proxy}/gold_fall_se";

    /// <summary>PPO against a proxy: the lowest gold at an evaluation point (the start included), e.g. a dip that recovers.</summary>
    public static string PpoGoldLowest(string proxy) => $"ppo/{proxy}/gold_lowest";

    /// <summary>Standard error over the held-out prompts of <see cref="PpoGoldLowest"/>.</summary>
    public static string PpoGoldLowestSe(string proxy) => $"ppo/{proxy}/gold_lowest_se";

    /// <summary>sqrt(KL) at the lowest point.</summary>
    public static string PpoLowestSqrtKl(string proxy) => $"ppo/{proxy}/lowest_sqrt_kl";

    /// <summary>The PPO iteration of the lowest point.</summary>
    public static string PpoLowestIteration(string proxy) => $"ppo/{proxy}/lowest_iteration";

    /// <summary>Gold before PPO minus the lowest gold (0 when gold never goes below its start).</summary>
    public static string PpoGoldDip(string proxy) => $"ppo/{proxy}/gold_dip";

    /// <summary>Standard error of <see cref="PpoGoldDip"/> (the start's and the lowest point's in quadrature; 0 when the lowest is the start).</summary>
    public static string PpoGoldDipSe(string proxy) => $"ppo/{proxy}/gold_dip_se";
}
