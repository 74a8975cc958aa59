using System.Globalization;
using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Oversight.Process;

/// <summary>
/// Writes the shown work of a multiplication <c>a*b</c> (b with tens and units, as every hard question has) in four
/// steps, each small enough for a weak rater: <c>[a*b = a*T+a*U = P1+P2 = S]</c> (split b into tens and units, the two
/// small products, their sum), then the stated answer. A mistake, when asked for, is a realistic one at the chosen
/// step and later steps carry it forward: 1, a units digit off by one in the split; 2, a partial product off by a
/// little or with two digits swapped; 3, a slip in the sum; 4, a right chain but a miscopied answer.
/// </summary>
public static class ShownWorkWriter
{
    /// <summary>The steps a written work has (three links and the answer).</summary>
    public const int Steps = 4;

    /// <summary>Whether a question gets shown work: a multiplication whose right factor has tens and units.</summary>
    public static bool CanWrite(ArithmeticPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return prompt.Operator == '*' && prompt.Right >= 10 && prompt.Right % 10 != 0;
    }

    /// <summary>The work for <paramref name="prompt"/>, right or with its mistake at <paramref name="errorStep"/> (1 to <see cref="Steps"/>).</summary>
    public static WrittenWork Write(ArithmeticPrompt prompt, int? errorStep, ref Xoshiro256 rng)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        if (!CanWrite(prompt))
            throw new ArgumentException($"no shown work for {prompt.Question}: only multiplications by a number with tens and units", nameof(prompt));
        if (errorStep is < 1 or > Steps)
            throw new ArgumentOutOfRangeException(nameof(errorStep), errorStep, $"the error step must be 1 to {Steps}");
        var (a, b) = (prompt.Left, prompt.Right);
        var tens = b - (b % 10);
        var units = b % 10;
        var splitUnits = errorStep == 1 ? (units == 9 ? 8 : units == 1 ? 2 : units + (rng.Bernoulli(0.5) ? 1 : -1)) : units;
        long p1 = (long)a * tens, p2 = (long)a * splitUnits;
        if (errorStep == 2)
        {
            if (rng.Bernoulli(0.5))
                p1 = Slip(p1, ref rng);
            else
                p2 = Slip(p2, ref rng);
        }
        var sum = p1 + p2;
        if (errorStep == 3)
            sum = Slip(sum, ref rng);
        var answer = errorStep == 4 ? Slip(sum, ref rng) : sum;
        var text = string.Create(CultureInfo.InvariantCulture, $"[{a}*{b} = {a}*{tens}+{a}*{splitUnits} = {p1}+{p2} = {sum}]");
        return new WrittenWork(text, sum, answer, errorStep);
    }

    /// <summary>A plausible slip of a non-negative number (off by 1, 2 or 10, or two digits swapped), never the number itself.</summary>
    private static long Slip(long value, ref Xoshiro256 rng) => WrongAnswers.Plausible((int)value, ref rng);
}
