using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Oversight;

/// <summary>
/// The RLHF world's "is this answer right?" task for weak-to-strong experiments: a question from the world's
/// <see cref="PromptGenerator"/> (easy and medium additions and subtractions, hard two-digit multiplications) and an
/// answer that is the truth half the time and otherwise a plausible mistake (<see cref="WrongAnswers.Plausible"/>: off
/// by 1, 2 or 10, or two digits swapped). Label 1: right. Features: the operator one-hot, then each operand as four
/// and the answer as five right-aligned digits, each digit one-hot (3 + 13 x 10 = 133 values).
/// </summary>
public static class AnswerCorrectnessData
{
    /// <summary>Values per row.</summary>
    public const int Features = 3 + (4 + 4 + 5) * 10;

    /// <summary><paramref name="count"/> labelled rows drawn from <paramref name="seed"/>.</summary>
    public static ClassificationData Generate(int count, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var prompts = new PromptGenerator(Xoshiro256.Derive(seed, 1), new PromptOptions { BeliefRate = 0 });
        var rng = new Xoshiro256(Xoshiro256.Derive(seed, 2));
        var values = new float[count * Features];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            var prompt = prompts.Next();
            var right = rng.Bernoulli(0.5);
            var answer = right ? prompt.Answer : WrongAnswers.Plausible(prompt.Answer, ref rng);
            labels[i] = right ? 1 : 0;
            Encode(prompt, answer, values.AsSpan(i * Features, Features));
        }
        return new ClassificationData(values, labels, Features, 2);
    }

    /// <summary>Writes the features of <paramref name="prompt"/> answered with <paramref name="answer"/> into <paramref name="row"/>.</summary>
    public static void Encode(ArithmeticPrompt prompt, int answer, Span<float> row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(answer);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(answer, 99999);
        row.Clear();
        row["+-*".IndexOf(prompt.Operator, StringComparison.Ordinal)] = 1f;
        Digits(prompt.Left, 4, row[3..]);
        Digits(prompt.Right, 4, row[43..]);
        Digits(answer, 5, row[83..]);
    }

    private static void Digits(int value, int width, Span<float> target)
    {
        for (var d = width - 1; d >= 0; d--)
        {
            target[d * 10 + value % 10] = 1f;
            value /= 10;
        }
    }
}
