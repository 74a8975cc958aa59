using Goodhart.Core.Randomness;

namespace Goodhart.Core.Rlhf;

/// <summary>
/// Plausible wrong answers, the mistakes people make: off by a small amount (plus or minus 1, 2 or 10) or two
/// adjacent digits swapped. Results are never negative and never equal to the true answer.
/// </summary>
public static class WrongAnswers
{
    private static readonly int[] SmallOffsets = [-2, -1, 1, 2, -10, 10];

    /// <summary>The answer plus or minus 1, 2 or 10 (uniformly among the offsets that keep it non-negative).</summary>
    public static int OffBySmall(int answer, ref Xoshiro256 rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(answer);
        while (true)
        {
            var candidate = answer + SmallOffsets[rng.NextInt(SmallOffsets.Length)];
            if (candidate >= 0)
                return candidate;
        }
    }

    /// <summary>The answer with two adjacent, different digits swapped (no leading zero), or null when no swap exists (one digit, 11, 100).</summary>
    public static int? DigitSwap(int answer, ref Xoshiro256 rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(answer);
        var digits = answer.ToString(System.Globalization.CultureInfo.InvariantCulture).ToCharArray();
        Span<int> positions = stackalloc int[digits.Length];
        var count = 0;
        for (var i = 0; i + 1 < digits.Length; i++)
        {
            if (digits[i] != digits[i + 1] && !(i == 0 && digits[1] == '0'))
                positions[count++] = i;
        }
        if (count == 0)
            return null;
        var p = positions[rng.NextInt(count)];
        (digits[p], digits[p + 1]) = (digits[p + 1], digits[p]);
        return int.Parse(digits, provider: System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A wrong answer of the given kind (<see cref="AnswerKind.OffBySmall"/> or <see cref="AnswerKind.DigitSwap"/>, falling back to off-by-small).</summary>
    public static int Of(AnswerKind kind, int answer, ref Xoshiro256 rng) => kind switch
    {
        AnswerKind.DigitSwap => DigitSwap(answer, ref rng) ?? OffBySmall(answer, ref rng),
        AnswerKind.OffBySmall => OffBySmall(answer, ref rng),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "only off-by-small and digit-swap answers are mistakes"),
    };

    /// <summary>A plausible mistake: a digit swap half the time when one exists, otherwise off by a little.</summary>
    public static int Plausible(int answer, ref Xoshiro256 rng) =>
        rng.Bernoulli(0.5) ? Of(AnswerKind.DigitSwap, answer, ref rng) : OffBySmall(answer, ref rng);
}
