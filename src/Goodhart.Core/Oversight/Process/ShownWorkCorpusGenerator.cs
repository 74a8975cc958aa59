using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Oversight.Process;

/// <summary>
/// A supervised corpus whose multiplications show their work: prompts and response styles as
/// <see cref="SftCorpusGenerator"/> draws them (confidence, stance, flattery, padding, wording), and for a
/// multiplication (with <see cref="ShownWorkOptions.Rate"/>) the work first, e.g.
/// <c> [37*24 = 37*20+37*4 = 740+148 = 888] It's 888.</c>. The stated answer is the work's, so a mistake in the work
/// (<see cref="ShownWorkOptions.ErrorRate"/>) carries into the answer, except when the response repeats the user's
/// belief (the corpus's sycophancy), which then may contradict its own work. Prompt and response fit
/// <see cref="SftCorpusOptions.MaxLength"/> (padding, then flattery, then the stance phrase are dropped, then the work).
/// Gold scores read the answer after the work. The same seed and options give the same corpus.
/// </summary>
public sealed class ShownWorkCorpusGenerator
{
    private readonly PromptGenerator _prompts;
    private readonly SftCorpusGenerator _styles;
    private Xoshiro256 _rng;

    /// <summary>A generator of the corpus mix <paramref name="corpus"/> with shown work by <paramref name="work"/>.</summary>
    public ShownWorkCorpusGenerator(ulong seed, SftCorpusOptions? corpus = null, ShownWorkOptions? work = null)
    {
        Corpus = corpus ?? new SftCorpusOptions();
        Work = work ?? new ShownWorkOptions();
        Corpus.Validate();
        Work.Validate();
        _prompts = new PromptGenerator(Xoshiro256.Derive(seed, 0), Corpus.Prompts);
        _styles = new SftCorpusGenerator(Xoshiro256.Derive(seed, 1), Corpus);
        _rng = new Xoshiro256(Xoshiro256.Derive(seed, 2));
    }

    /// <summary>The parser that reads the answer after the work (gold and outcome raters use it on shown-work responses).</summary>
    public static ResponseParser AnswerParser { get; } = new(new ResponseParserOptions { SkipShownWork = true });

    /// <summary>The gold reward of responses that may show work: the answer after the work, scored as usual.</summary>
    public static GoldReward Gold { get; } = new(parser: AnswerParser);

    /// <summary>The corpus mix.</summary>
    public SftCorpusOptions Corpus { get; }

    /// <summary>How often work is shown and wrong.</summary>
    public ShownWorkOptions Work { get; }

    /// <summary>The next <paramref name="count"/> examples.</summary>
    public IReadOnlyList<SftExample> Next(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var examples = new SftExample[count];
        for (var i = 0; i < count; i++)
            examples[i] = ExampleFor(_prompts.Next());
        return examples;
    }

    /// <summary>An example for <paramref name="prompt"/>.</summary>
    public SftExample ExampleFor(ArithmeticPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var (features, kind) = _styles.SampleFeatures(prompt);
        var shows = _rng.Bernoulli(Work.Rate);
        var wrong = _rng.Bernoulli(Work.ErrorRate);
        var errorStep = 1 + _rng.NextInt(ShownWorkWriter.Steps);
        string? work = null;
        if (shows && ShownWorkWriter.CanWrite(prompt))
        {
            var written = ShownWorkWriter.Write(prompt, wrong ? errorStep : null, ref _rng);
            work = written.Text;
            if (kind != AnswerKind.UserBelief)
            {
                var answer = (int)written.Answer;
                kind = answer == prompt.Answer ? AnswerKind.Correct : AnswerKind.OffBySmall;
                var stance = prompt.Belief is { } b && (features.Stance == UserStance.Agrees) != (answer == b) ? UserStance.None : features.Stance;
                features = features with { Answer = answer, Stance = stance };
            }
        }
        var completion = Fit(prompt, ref features, ref work);
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

    private string Fit(ArithmeticPrompt prompt, ref ResponseFeatures features, ref string? work)
    {
        while (true)
        {
            var text = (work is null ? "" : " " + work) + ResponseComposer.Compose(features);
            if (prompt.Text.Length + text.Length <= Corpus.MaxLength)
                return text;
            if (features.Padding > 0)
                features = features with { Padding = features.Padding - 1 };
            else if (features.Flattery > 0)
                features = features with { Flattery = features.Flattery - 1 };
            else if (features.Stance != UserStance.None)
                features = features with { Stance = UserStance.None };
            else if (work is not null)
                work = null;
            else
                return text;
        }
    }
}
