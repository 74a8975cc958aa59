namespace Goodhart.Web.Rating;

/// <summary>
/// What the person's labels did: the reward model fitted to them (its weights are their preferences), the best-of-N
/// curve against it on held-out prompts (proxy and gold by KL), how much each behaviour was pushed, and how often
/// the person, and the model, agree with gold.
/// </summary>
public sealed record RatingResult
{
    /// <summary>The best-of-N sweep, in increasing N.</summary>
    public required IReadOnlyList<RatingCurvePoint> Curve { get; init; }

    /// <summary>Behaviours at the start and at the proxy-maximising N: length, confidence, agreement, flattery, hedging, accuracy.</summary>
    public required IReadOnlyList<BiasExploitation> Biases { get; init; }

    /// <summary>
    /// Share of the person's A/B labels that chose the higher-gold response, among labelled pairs whose two
    /// responses differ in gold (0 when there are none: see <see cref="GoldComparableLabels"/>).
    /// </summary>
    public required double LabelGoldAgreement { get; init; }

    /// <summary>The labels <see cref="LabelGoldAgreement"/> is over.</summary>
    public required int GoldComparableLabels { get; init; }

    /// <summary>The N with the highest mean gold (the smallest on ties).</summary>
    public required int PeakGoldN { get; init; }

    /// <summary>The N with the highest proxy (the smallest on ties).</summary>
    public required int PeakProxyN { get; init; }

    /// <summary>Mean gold score over all policy samples (the policy before selection).</summary>
    public required double BaselineGold { get; init; }

    /// <summary>The reward model's weights, one per <see cref="RatingFeatures"/> feature.</summary>
    public required IReadOnlyList<RewardFeatureWeight> Weights { get; init; }

    /// <summary>A/B labels the reward model was fitted to.</summary>
    public required int LabelsUsed { get; init; }

    /// <summary>Pairs the person skipped (ties).</summary>
    public required int Skipped { get; init; }

    /// <summary>Share of the person's A/B labels the fitted model reproduces (ties in the model count half).</summary>
    public required double RewardModelLabelAgreement { get; init; }

    /// <summary>
    /// On held-out pairs drawn like the offered ones, differing in gold and not among the pairs the person labelled,
    /// the share the reward model ranks the higher-gold response first (ties count half); 0 when there are none.
    /// </summary>
    public required double RewardModelGoldAgreement { get; init; }

    /// <summary>The held-out pairs <see cref="RewardModelGoldAgreement"/> is over.</summary>
    public required int HeldOutPairsUsed { get; init; }

    /// <summary>Every label beside gold's and the model's preference, in index order.</summary>
    public required IReadOnlyList<RatingLabelReview> Reviews { get; init; }

    /// <summary>Newton iterations the fit took.</summary>
    public required int FitIterations { get; init; }
}
