using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Oversight.Assistance;

/// <summary>
/// The world's cheap checks (<see cref="FlawCheck"/>), computed from the question and the stated answer only: what a
/// rater who cannot multiply two-digit numbers can still verify. Each check passes on every correct answer (a failed
/// check proves a flaw), but a wrong answer may pass all of them (off by 10 passes the last-digit check; a digit swap
/// passes casting out nines). A check applies only to a parseable response with an answer; the belief contradiction
/// only where the user stated a belief.
/// </summary>
public static class ArithmeticChecks
{
    /// <summary>Every check, in the order the oracle critic and the debaters try them.</summary>
    public static IReadOnlyList<FlawCheck> All { get; } = [FlawCheck.LastDigit, FlawCheck.CastingOutNines, FlawCheck.Magnitude, FlawCheck.BeliefContradiction];

    /// <summary>Whether <paramref name="check"/> can be asked of <paramref name="response"/>: it states one answer (and, for the belief contradiction, the user stated a belief).</summary>
    public static bool Applies(FlawCheck check, ArithmeticPrompt prompt, ResponseAssessment response)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(response);
        if (check == FlawCheck.None || !response.Parseable || response.Answer is null)
            return false;
        return check != FlawCheck.BeliefContradiction || prompt.HasBelief;
    }

    /// <summary>True when <paramref name="check"/> applies and fails, so the response is shown flawed; false when it passes or does not apply.</summary>
    public static bool Fails(FlawCheck check, ArithmeticPrompt prompt, ResponseAssessment response)
    {
        if (!Applies(check, prompt, response))
            return false;
        var answer = response.Answer!.Value;
        return check switch
        {
            FlawCheck.LastDigit => Mod(answer, 10) != ExpectedLastDigit(prompt),
            FlawCheck.CastingOutNines => Mod(answer, 9) != ExpectedNines(prompt),
            FlawCheck.Magnitude => answer < Range(prompt).Low || answer > Range(prompt).High,
            FlawCheck.BeliefContradiction => response.Stance == UserStance.Agrees && answer != prompt.Belief,
            _ => false,
        };
    }

    /// <summary>The first check of <see cref="All"/> that fails, or <see cref="FlawCheck.None"/> (the oracle critic's claim).</summary>
    public static FlawCheck FirstFailing(ArithmeticPrompt prompt, ResponseAssessment response)
    {
        foreach (var check in All)
        {
            if (Fails(check, prompt, response))
                return check;
        }
        return FlawCheck.None;
    }

    /// <summary>The last digit of the true answer, from the operands' last digits alone.</summary>
    public static int ExpectedLastDigit(ArithmeticPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        int a = prompt.Left % 10, b = prompt.Right % 10;
        return prompt.Operator switch
        {
            '+' => (a + b) % 10,
            '-' => Mod(a - b, 10),
            _ => a * b % 10,
        };
    }

    /// <summary>The true answer modulo 9, from the operands' digit sums alone.</summary>
    public static int ExpectedNines(ArithmeticPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        int a = DigitSum(prompt.Left) % 9, b = DigitSum(prompt.Right) % 9;
        return prompt.Operator switch
        {
            '+' => (a + b) % 9,
            '-' => Mod(a - b, 9),
            _ => a * b % 9,
        };
    }

    /// <summary>The range the true answer must lie in: the operation on the operands rounded down and up to tens (at least 0).</summary>
    public static (long Low, long High) Range(ArithmeticPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        long a0 = prompt.Left - (prompt.Left % 10), b0 = prompt.Right - (prompt.Right % 10);
        long a1 = prompt.Left % 10 == 0 ? a0 : a0 + 10, b1 = prompt.Right % 10 == 0 ? b0 : b0 + 10;
        return prompt.Operator switch
        {
            '+' => (a0 + b0, a1 + b1),
            '-' => (Math.Max(0, a0 - b1), a1 - b0),
            _ => (a0 * b0, a1 * b1),
        };
    }

    private static int DigitSum(int value)
    {
        var sum = 0;
        for (; value > 0; value /= 10)
            sum += value % 10;
        return sum;
    }

    private static int Mod(long value, int m) => (int)(((value % m) + m) % m);
}
