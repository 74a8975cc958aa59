using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Oversight.Assistance;

/// <summary>
/// How good a critic's claims are against the world's checks: <see cref="Precision"/>, the share of its claims that
/// verify (the check does fail), and <see cref="Recall"/>, the share of responses with a checkable flaw (some check
/// fails) on which it made a claim that verifies.
/// </summary>
/// <param name="Responses">Responses critiqued.</param>
/// <param name="Claims">Responses on which the critic claimed a flaw.</param>
/// <param name="TrueClaims">Claims that verify.</param>
/// <param name="Flawed">Responses on which some check fails.</param>
public sealed record CriticEvaluation(int Responses, int Claims, int TrueClaims, int Flawed)
{
    /// <summary>True claims over claims; NaN when the critic made none.</summary>
    public double Precision => Claims == 0 ? double.NaN : (double)TrueClaims / Claims;

    /// <summary>True claims over flawed responses; NaN when none is flawed.</summary>
    public double Recall => Flawed == 0 ? double.NaN : (double)TrueClaims / Flawed;

    /// <summary>Scores <paramref name="claims"/> (one per response) against the checks.</summary>
    public static CriticEvaluation Of(IReadOnlyList<ArithmeticPrompt> prompts, IReadOnlyList<ResponseAssessment> responses, IReadOnlyList<FlawCheck> claims)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(claims);
        if (prompts.Count != responses.Count || claims.Count != responses.Count)
            throw new ArgumentException("one prompt and one claim per response");
        int made = 0, verified = 0, flawed = 0;
        for (var i = 0; i < responses.Count; i++)
        {
            if (ArithmeticChecks.FirstFailing(prompts[i], responses[i]) != FlawCheck.None)
                flawed++;
            if (claims[i] == FlawCheck.None)
                continue;
            made++;
            if (ArithmeticChecks.Fails(claims[i], prompts[i], responses[i]))
                verified++;
        }
        return new CriticEvaluation(responses.Count, made, verified, flawed);
    }
}
