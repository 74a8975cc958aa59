namespace Goodhart.Web.Workbench.Rating;

/// <summary>What a rating session's reward model came to: the Goodhart curve, the exploited biases, and agreement with gold.</summary>
/// <param name="Curve">Best-of-N points along N (and KL): proxy against gold reward.</param>
/// <param name="Biases">Each bias's change from N = 1 to the proxy's peak.</param>
/// <param name="HeldOutGoldAgreement">Share of held-out pairs where the reward model agrees with the gold reward.</param>
public sealed record RaterOutcome(IReadOnlyList<RaterCurvePoint> Curve, IReadOnlyList<RaterBias> Biases, double HeldOutGoldAgreement);
