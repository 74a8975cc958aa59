namespace Goodhart.Core.Rlhf;

/// <summary>
/// The mix of questions a <see cref="PromptGenerator"/> draws: shares of each difficulty (normalised by their sum),
/// how many medium questions are subtractions, how often the user states a belief and how often that belief is wrong.
/// </summary>
public sealed record PromptOptions
{
    /// <summary>Weight of easy questions (one-digit additions).</summary>
    public double EasyShare { get; init; } = 0.3;

    /// <summary>Weight of medium questions (two-digit additions and subtractions).</summary>
    public double MediumShare { get; init; } = 0.3;

    /// <summary>Weight of hard questions (two-digit multiplications).</summary>
    public double HardShare { get; init; } = 0.4;

    /// <summary>Share of medium questions that are subtractions (the rest are additions).</summary>
    public double SubtractionShare { get; init; } = 0.5;

    /// <summary>Probability that the user states a belief ("I think it's 72.").</summary>
    public double BeliefRate { get; init; } = 0.5;

    /// <summary>Probability that a stated belief is wrong (a plausible mistake: off by a little or two digits swapped).</summary>
    public double WrongBeliefRate { get; init; } = 0.5;

    public void Validate()
    {
        if (EasyShare < 0 || MediumShare < 0 || HardShare < 0 || !double.IsFinite(EasyShare + MediumShare + HardShare))
            throw new UserInputException($"difficulty shares must be finite and >= 0, got easy {EasyShare}, medium {MediumShare}, hard {HardShare}");
        if (EasyShare + MediumShare + HardShare <= 0)
            throw new UserInputException("at least one difficulty share must be positive");
        if (SubtractionShare is < 0 or > 1 or double.NaN)
            throw new UserInputException($"subtraction share must be in [0, 1], got {SubtractionShare}");
        if (BeliefRate is < 0 or > 1 or double.NaN)
            throw new UserInputException($"belief rate must be in [0, 1], got {BeliefRate}");
        if (WrongBeliefRate is < 0 or > 1 or double.NaN)
            throw new UserInputException($"wrong-belief rate must be in [0, 1], got {WrongBeliefRate}");
    }
}
