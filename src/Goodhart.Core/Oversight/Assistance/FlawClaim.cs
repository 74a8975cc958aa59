namespace Goodhart.Core.Oversight.Assistance;

/// <summary>
/// A claim put to a rater: response <paramref name="Target"/> fails <paramref name="Check"/>. Made by a critic
/// (<paramref name="Claimant"/> null) or by the debater arguing for the other response (a debater caught in a false
/// claim loses the rater's trust).
/// </summary>
/// <param name="Target">The response the claim is about.</param>
/// <param name="Check">The check it claims the response fails.</param>
/// <param name="Claimant">The debater who made the claim (arguing for that response), or null for a critic.</param>
public sealed record FlawClaim(PairSide Target, FlawCheck Check, PairSide? Claimant = null);
