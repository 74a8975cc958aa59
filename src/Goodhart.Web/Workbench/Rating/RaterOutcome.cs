namespace Goodhart.Web.Workbench.Rating;

/// <summary>What a rating session's reward model came to: the Goodhart curve, the exploited biases, and agreement with gold.</summary>
/// <param name="Curve">Best-of-N points along N (and KL): proxy against gold reward.</param>
/// <param name="Biases">Each bias's change from N = 1 to the proxy's peak.</param>
/// <param name="RewardModelGoldAgreement">Share of held-out pairs (drawn like the offered ones, none of them labelled by the person) where the reward model agrees with the gold reward.</param>
/// <param name="LabelGoldAgreement">Share of the person's own A/B labels that chose the higher-gold response.</param>
public sealed record RaterOutcome(IReadOnlyList<RaterCurvePoint> Curve, IReadOnlyList<RaterBias> Biases, double RewardModelGoldAgreement, double LabelGoldAgreement);
