using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Oversight.Assistance;

/// <summary>
/// A simulated rater (<see cref="RaterProfile"/>) that may be handed claims about a pair (a critique, or a debate's
/// transcript) and decides which to verify: in order, only on questions it cannot check itself, and at most
/// <see cref="Budget"/> per label. A verified claim is true when the world says the check fails
/// (<see cref="ArithmeticChecks.Fails"/>): the target is then known flawed and loses the profile's correctness weight,
/// as a wrong answer would on a question the rater checks itself. A verified false claim changes nothing about its
/// target, but a debater caught in it costs its own response the same weight. Unverified claims are ignored. Labels are
/// Bradley-Terry draws from the rater's own seeded generator, as <see cref="SimulatedRater"/>'s.
/// </summary>
public sealed class AssistedRater
{
    private Xoshiro256 _rng;

    /// <summary>A rater of <paramref name="profile"/> verifying at most <paramref name="budget"/> claims per label.</summary>
    public AssistedRater(RaterProfile profile, int budget, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(profile);
        profile.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        Profile = profile;
        Budget = budget;
        _rng = new Xoshiro256(seed);
    }

    /// <summary>The rater's profile (its biases and what it checks itself).</summary>
    public RaterProfile Profile { get; }

    /// <summary>The most claims it verifies per label.</summary>
    public int Budget { get; }

    /// <summary>Labels the pair (a, b) given <paramref name="claims"/> (empty: unassisted, as <see cref="SimulatedRater"/>).</summary>
    public AssistedLabel Label(ArithmeticPrompt prompt, ResponseAssessment a, ResponseAssessment b, IReadOnlyList<FlawClaim> claims)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(claims);
        var (checks, flawA, flawB) = Verify(prompt, a, b, claims);
        var penalty = -Math.Abs(Profile.CorrectnessWeight);
        var ua = Profile.Utility(prompt, a) + (flawA ? penalty : 0);
        var ub = Profile.Utility(prompt, b) + (flawB ? penalty : 0);
        var p = SimulatedRater.BradleyTerry(ua, ub, Profile.Temperature);
        return new AssistedLabel(new RaterLabel(ua, ub, p, _rng.NextDouble() < p), checks, flawA, flawB);
    }

    /// <summary>Which claims the rater verifies and what they show: the checks spent and whether each response is shown flawed.</summary>
    public (int Checks, bool FlawA, bool FlawB) Verify(ArithmeticPrompt prompt, ResponseAssessment a, ResponseAssessment b, IReadOnlyList<FlawClaim> claims)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(claims);
        // On a question it checks itself the rater already knows right from wrong and has no use for help.
        if (Profile.CanVerify(prompt.Difficulty))
            return (0, false, false);
        var checks = 0;
        bool flawA = false, flawB = false;
        foreach (var claim in claims)
        {
            if (checks >= Budget)
                break;
            if (claim.Check == FlawCheck.None)
                continue;
            var target = claim.Target == PairSide.A ? a : b;
            checks++;
            if (ArithmeticChecks.Fails(claim.Check, prompt, target))
            {
                flawA |= claim.Target == PairSide.A;
                flawB |= claim.Target == PairSide.B;
            }
            else if (claim.Claimant is { } liar)
            {
                flawA |= liar == PairSide.A;
                flawB |= liar == PairSide.B;
            }
        }
        return (checks, flawA, flawB);
    }
}
