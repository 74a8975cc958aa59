using Goodhart.Core.Randomness;

namespace Goodhart.Core.Rlhf;

/// <summary>
/// Draws arithmetic prompts from a seed (the same seed and options give the same prompts). Questions by difficulty:
/// easy <c>a+b</c> with a, b in 1..9; medium <c>a+b</c> with a, b in 10..99 or <c>a-b</c> with 10 &lt;= b &lt;= a &lt;= 99;
/// hard <c>a*b</c> with a, b in 11..99, not multiples of 10. A stated belief is the answer or, at the wrong-belief
/// rate, a plausible mistake (<see cref="WrongAnswers.Plausible"/>).
/// </summary>
public sealed class PromptGenerator
{
    /// <summary>Largest operand of an easy addition.</summary>
    public const int EasyMaxOperand = 9;

    /// <summary>Smallest operand of a medium question.</summary>
    public const int MediumMinOperand = 10;

    /// <summary>Largest operand of a medium question.</summary>
    public const int MediumMaxOperand = 99;

    /// <summary>Smallest factor of a hard multiplication.</summary>
    public const int HardMinOperand = 11;

    /// <summary>Largest factor of a hard multiplication.</summary>
    public const int HardMaxOperand = 99;

    private Xoshiro256 _rng;

    public PromptGenerator(ulong seed, PromptOptions? options = null)
    {
        Options = options ?? new PromptOptions();
        Options.Validate();
        _rng = new Xoshiro256(seed);
    }

    /// <summary>The mix this generator draws from.</summary>
    public PromptOptions Options { get; }

    /// <summary>The next prompt: a difficulty by the options' shares, then a question of it, then maybe a belief.</summary>
    public ArithmeticPrompt Next()
    {
        var total = Options.EasyShare + Options.MediumShare + Options.HardShare;
        var u = _rng.NextDouble() * total;
        var difficulty = u < Options.EasyShare ? Difficulty.Easy
            : u < Options.EasyShare + Options.MediumShare ? Difficulty.Medium
            : Difficulty.Hard;
        if (difficulty == Difficulty.Hard && Options.HardShare == 0)
            difficulty = Options.MediumShare > 0 ? Difficulty.Medium : Difficulty.Easy;
        return Next(difficulty);
    }

    /// <summary>The next prompt of a given difficulty, with a belief drawn by the options.</summary>
    public ArithmeticPrompt Next(Difficulty difficulty)
    {
        var question = Question(difficulty, Options.SubtractionShare, ref _rng);
        if (!_rng.Bernoulli(Options.BeliefRate))
            return question;
        var belief = _rng.Bernoulli(Options.WrongBeliefRate) ? WrongAnswers.Plausible(question.Answer, ref _rng) : question.Answer;
        return question with { Belief = belief };
    }

    /// <summary>The next <paramref name="count"/> prompts.</summary>
    public IReadOnlyList<ArithmeticPrompt> Next(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var prompts = new ArithmeticPrompt[count];
        for (var i = 0; i < count; i++)
            prompts[i] = Next();
        return prompts;
    }

    /// <summary>A question of the given difficulty, without a belief.</summary>
    public static ArithmeticPrompt Question(Difficulty difficulty, double subtractionShare, ref Xoshiro256 rng)
    {
        switch (difficulty)
        {
            case Difficulty.Easy:
                return new ArithmeticPrompt(1 + rng.NextInt(EasyMaxOperand), '+', 1 + rng.NextInt(EasyMaxOperand));
            case Difficulty.Medium:
                const int span = MediumMaxOperand - MediumMinOperand + 1;
                var a = MediumMinOperand + rng.NextInt(span);
                if (rng.Bernoulli(subtractionShare))
                    return new ArithmeticPrompt(a, '-', MediumMinOperand + rng.NextInt(a - MediumMinOperand + 1));
                return new ArithmeticPrompt(a, '+', MediumMinOperand + rng.NextInt(span));
            default:
                return new ArithmeticPrompt(HardFactor(ref rng), '*', HardFactor(ref rng));
        }
    }

    private static int HardFactor(ref Xoshiro256 rng)
    {
        while (true)
        {
            var f = HardMinOperand + rng.NextInt(HardMaxOperand - HardMinOperand + 1);
            if (f % 10 != 0)
                return f;
        }
    }
}
