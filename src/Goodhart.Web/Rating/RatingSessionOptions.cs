using Goodhart.Core;
using Goodhart.Core.Rlhf;

namespace Goodhart.Web.Rating;

/// <summary>
/// How a "Be the rater" session is set up: its seed, how many labels it asks for, the prompt mix of the pairs and of
/// the best-of-N evaluation, the response distribution best-of-N samples from (the "policy"), the N values swept, and
/// the reward model's regularisation and iteration cap. The same options give the same pairs and, for the same
/// labels, the same result.
/// </summary>
public sealed record RatingSessionOptions
{
    /// <summary>Largest N accepted in <see cref="Ns"/>.</summary>
    public const int MaxN = 256;

    /// <summary>Most policy samples in the evaluation pool (<see cref="EvaluationPrompts"/> x the largest N), which bounds a training's time.</summary>
    public const int MaxEvaluationSamples = 65536;

    /// <summary>Seed of every draw: pairs, evaluation prompts, policy samples.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Labels (A or B) the session asks for; <see cref="RatingSession.NextPair"/> returns null once it has them. Default 24 (a few minutes).</summary>
    public int Pairs { get; init; } = 24;

    /// <summary>Spare pairs beyond <see cref="Pairs"/>, offered in place of skipped ones (ties). Default 12.</summary>
    public int SparePairs { get; init; } = 12;

    /// <summary>The question mix of the pairs and of the evaluation prompts (default: easy 0.3, medium 0.3, hard 0.4; beliefs half the time, half of them wrong).</summary>
    public PromptOptions Prompts { get; init; } = new();

    /// <summary>
    /// The response distribution best-of-N samples from and the pairs' first responses come from: the world's SFT
    /// corpus mix (correct 0.6, hedged 0.3, confident 0.3, flattery 0.2, padding 0.3, ...). Its own prompt mix is unused.
    /// </summary>
    public SftCorpusOptions Policy { get; init; } = new();

    /// <summary>The N values of the best-of-N sweep; must contain 1, each at most <see cref="MaxN"/>. Default 1, 2, 4, ..., 128.</summary>
    public IReadOnlyList<int> Ns { get; init; } = [1, 2, 4, 8, 16, 32, 64, 128];

    /// <summary>Held-out prompts best-of-N is measured on (each gets max N samples). Default 64.</summary>
    public int EvaluationPrompts { get; init; } = 64;

    /// <summary>Held-out pairs (drawn like the offered ones) on which the reward model's agreement with gold is measured. Default 256.</summary>
    public int HeldOutPairs { get; init; } = 256;

    /// <summary>L2 penalty on the reward model's standardised weights (a Gaussian prior; keeps a separable set of labels finite). Default 1.</summary>
    public double Regularisation { get; init; } = 1.0;

    /// <summary>Cap on the Newton iterations fitting the reward model (it usually converges in under 15). Default 50.</summary>
    public int MaxIterations { get; init; } = 50;

    /// <summary>The largest N of the sweep.</summary>
    public int LargestN => Ns.Max();

    /// <summary>Throws <see cref="UserInputException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (Pairs is < 1 or > 500)
            throw new UserInputException($"pairs must be in 1..500, got {Pairs}");
        if (SparePairs is < 0 or > 500)
            throw new UserInputException($"spare pairs must be in 0..500, got {SparePairs}");
        ArgumentNullException.ThrowIfNull(Prompts);
        ArgumentNullException.ThrowIfNull(Policy);
        ArgumentNullException.ThrowIfNull(Ns);
        Prompts.Validate();
        Policy.Validate();
        if (Ns.Count == 0 || !Ns.Contains(1) || Ns.Any(n => n is < 1 or > MaxN))
            throw new UserInputException($"N values must include 1 and lie in 1..{MaxN}, got [{string.Join(", ", Ns)}]");
        if (EvaluationPrompts is < 1 or > 1000)
            throw new UserInputException($"evaluation prompts must be in 1..1000, got {EvaluationPrompts}");
        if ((long)EvaluationPrompts * LargestN > MaxEvaluationSamples)
            throw new UserInputException($"evaluation prompts x largest N must be at most {MaxEvaluationSamples}, got {EvaluationPrompts} x {LargestN}");
        if (HeldOutPairs is < 0 or > 10000)
            throw new UserInputException($"held-out pairs must be in 0..10000, got {HeldOutPairs}");
        if (!(Regularisation > 0) || !double.IsFinite(Regularisation))
            throw new UserInputException($"regularisation must be a positive number, got {Regularisation}");
        if (MaxIterations is < 1 or > 1000)
            throw new UserInputException($"max iterations must be in 1..1000, got {MaxIterations}");
    }
}
