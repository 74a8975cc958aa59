namespace Goodhart.Core.Oversight.Assistance;

/// <summary>
/// A flaw in a response to an arithmetic question that a weak rater can verify without doing the question itself
/// (<see cref="ArithmeticChecks"/>): each check is cheap, and a check that fails proves the response flawed. A critique
/// or a debater's claim names one of these; <see cref="None"/> is "no flaw pointed at".
/// </summary>
public enum FlawCheck
{
    /// <summary>No flaw claimed.</summary>
    None,

    /// <summary>The answer's last digit is not the last digit the operands' last digits give.</summary>
    LastDigit,

    /// <summary>Casting out nines: the answer's remainder modulo 9 is not the one the operands' digit sums give.</summary>
    CastingOutNines,

    /// <summary>The answer lies outside the range the operands rounded down and up to tens give.</summary>
    Magnitude,

    /// <summary>The response tells the user "you're right" while stating a number other than the user's belief.</summary>
    BeliefContradiction,
}
