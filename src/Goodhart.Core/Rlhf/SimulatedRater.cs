using Goodhart.Core.Randomness;

namespace Goodhart.Core.Rlhf;

/// <summary>
/// A rater that labels pairs of responses by its <see cref="RaterProfile"/>: each response gets a latent utility, and
/// the rater prefers a over b with the Bradley-Terry probability sigmoid((u_a - u_b) / temperature), drawn from its
/// own seeded generator (the same seed and calls give the same labels).
/// </summary>
public sealed class SimulatedRater
{
    private Xoshiro256 _rng;

    public SimulatedRater(RaterProfile profile, ulong seed, ResponseParser? parser = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        profile.Validate();
        Profile = profile;
        Parser = parser ?? ResponseParser.Default;
        _rng = new Xoshiro256(seed);
    }

    public RaterProfile Profile { get; }

    public ResponseParser Parser { get; }

    /// <summary>The rater's latent utility for a response's text.</summary>
    public double Utility(ArithmeticPrompt prompt, string? response) =>
        Profile.Utility(prompt, ResponseAssessment.Of(prompt, Parser.Parse(response)));

    /// <summary>P(a preferred over b) for the rater's temperature.</summary>
    public double Probability(double utilityA, double utilityB) => BradleyTerry(utilityA, utilityB, Profile.Temperature);

    /// <summary>Labels a pair of texts.</summary>
    public RaterLabel Label(ArithmeticPrompt prompt, string? a, string? b) =>
        Label(prompt, ResponseAssessment.Of(prompt, Parser.Parse(a)), ResponseAssessment.Of(prompt, Parser.Parse(b)));

    /// <summary>Labels a pair of assessed responses.</summary>
    public RaterLabel Label(ArithmeticPrompt prompt, ResponseAssessment a, ResponseAssessment b)
    {
        var ua = Profile.Utility(prompt, a);
        var ub = Profile.Utility(prompt, b);
        var p = Probability(ua, ub);
        return new RaterLabel(ua, ub, p, _rng.NextDouble() < p);
    }

    /// <summary>sigmoid((u_a - u_b) / temperature), computed without overflow.</summary>
    public static double BradleyTerry(double utilityA, double utilityB, double temperature)
    {
        if (!(temperature > 0))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "temperature must be positive");
        var x = (utilityA - utilityB) / temperature;
        return x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));
    }
}
