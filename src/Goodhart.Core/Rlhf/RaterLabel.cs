namespace Goodhart.Core.Rlhf;

/// <summary>A simulated rater's verdict on a pair (a, b): both latent utilities, the Bradley-Terry probability of preferring a, and the draw.</summary>
/// <param name="UtilityA">The rater's utility of response a.</param>
/// <param name="UtilityB">The rater's utility of response b.</param>
/// <param name="ProbabilityA">P(a preferred) = sigmoid((u_a - u_b) / temperature).</param>
/// <param name="PrefersA">The sampled label: true when the rater chose a.</param>
public sealed record RaterLabel(double UtilityA, double UtilityB, double ProbabilityA, bool PrefersA);
