namespace Goodhart.Web.Rating;

/// <summary>One learned weight of the person's reward model: what it rewards and how strongly.</summary>
/// <param name="Name">The feature's name (<see cref="RatingFeatures.Names"/>).</param>
/// <param name="Unit">What one unit of the feature is.</param>
/// <param name="Weight">Reward per unit (the same scale as a simulated rater's utility).</param>
/// <param name="StandardisedWeight">Reward per standard deviation of the feature over the offered responses: comparable across features.</param>
public sealed record RewardFeatureWeight(string Name, string Unit, double Weight, double StandardisedWeight);
