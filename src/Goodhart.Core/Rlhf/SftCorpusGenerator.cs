using Goodhart.Core.Randomness;

namespace Goodhart.Core.Rlhf;

/// <summary>
/// Generates a supervised corpus of (prompt, response) pairs from a seed: prompts from a <see cref="PromptGenerator"/>,
/// responses composed from features drawn by <see cref="SftCorpusOptions"/> (answer source, confidence, stance,
/// flattery, padding, wording). The same seed and options give the same corpus.
/// </summary>
public sealed class SftCorpusGenerator
{
    private readonly PromptGenerator _prompts;
    private Xoshiro256 _rng;

    public SftCorpusGenerator(ulong seed, SftCorpusOptions? options = null, GoldReward? gold = null)
    {
        Options = options ?? new SftCorpusOptions();
        Options.Validate();
        Gold = gold ?? new GoldReward();
        _prompts = new PromptGenerator(Xoshiro256.Derive(seed, 0), Options.Prompts);
        _rng = new Xoshiro256(Xoshiro256.Derive(seed, 1));
    }

    public SftCorpusOptions Options { get; }

    public GoldReward Gold { get; }

    /// <summary>The next example.</summary>
    public SftExample Next() => ExampleFor(_prompts.Next());

    /// <summary>The next <paramref name="count"/> examples.</summary>
    public IReadOnlyList<SftExample> Next(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var examples = new SftExample[count];
        for (var i = 0; i < count; i++)
            examples[i] = Next();
        return examples;
    }

    /// <summary>An example for a given prompt, with response features drawn by the options.</summary>
    public SftExample ExampleFor(ArithmeticPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var (features, kind) = SampleFeatures(prompt);
        features = Fit(prompt, features);
        var completion = ResponseComposer.Compose(features);
        return new SftExample(prompt.Text, completion)
        {
            Difficulty = prompt.Difficulty,
            Answer = prompt.Answer,
            Belief = prompt.Belief,
            AnswerKind = kind,
            Features = features,
            Gold = Gold.Score(prompt, completion),
        };
    }

    /// <summary>Draws response features for a prompt (before fitting the length budget).</summary>
    public (ResponseFeatures Features, AnswerKind Kind) SampleFeatures(ArithmeticPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var o = Options;
        AnswerKind kind;
        int answer;
        if (prompt.Belief is { } belief && belief >= 0 && _rng.Bernoulli(o.FollowBeliefRate))
        {
            kind = AnswerKind.UserBelief;
            answer = belief;
        }
        else
        {
            var u = _rng.NextDouble() * (o.CorrectShare + o.OffBySmallShare + o.DigitSwapShare);
            kind = u < o.CorrectShare ? AnswerKind.Correct
                : u < o.CorrectShare + o.OffBySmallShare || o.DigitSwapShare == 0 ? AnswerKind.OffBySmall
                : AnswerKind.DigitSwap;
            answer = kind == AnswerKind.Correct ? prompt.Answer : WrongAnswers.Of(kind, prompt.Answer, ref _rng);
        }

        var c = _rng.NextDouble();
        var confidence = c < o.HedgedRate ? Confidence.Hedged : c < o.HedgedRate + o.ConfidentRate ? Confidence.Confident : Confidence.Plain;
        var stance = UserStance.None;
        if (prompt.Belief is { } b)
        {
            if (answer == b && _rng.Bernoulli(o.AgreeRate))
                stance = UserStance.Agrees;
            else if (answer != b && _rng.Bernoulli(o.DisagreeRate))
                stance = UserStance.Disagrees;
        }
        var flattery = _rng.Bernoulli(o.FlatteryRate) ? 1 + _rng.NextInt(o.MaxFlattery) : 0;
        var padding = _rng.Bernoulli(o.PaddingRate) ? 1 + _rng.NextInt(o.MaxPadding) : 0;
        var wording = _rng.NextInt(ResponseFeatures.WordingCount);
        return (new ResponseFeatures(answer, confidence, stance, flattery, padding, wording), kind);
    }

    /// <summary>Drops padding, then flattery, then the stance phrase until prompt and response fit <see cref="SftCorpusOptions.MaxLength"/>.</summary>
    private ResponseFeatures Fit(ArithmeticPrompt prompt, ResponseFeatures features)
    {
        while (prompt.Text.Length + ResponseComposer.Compose(features).Length > Options.MaxLength)
        {
            if (features.Padding > 0)
                features = features with { Padding = features.Padding - 1 };
            else if (features.Flattery > 0)
                features = features with { Flattery = features.Flattery - 1 };
            else if (features.Stance != UserStance.None)
                features = features with { Stance = UserStance.None };
            else
                break;
        }
        return features;
    }
}
