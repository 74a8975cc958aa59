using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;

namespace Goodhart.Web.Rating;

/// <summary>
/// Draws the pairs a person labels: a prompt from the prompt mix, a first response from the policy's distribution
/// (the SFT corpus mix), and a second response that is the first with some of its features changed, each
/// independently: the answer flipped between right and wrong (half the time; a wrong answer is the user's wrong
/// belief or a plausible mistake), the confidence (half), the stance towards the user's belief (0.4), flattery
/// (0.4), padding (0.5), and always a fresh wording. Contrastive pairs that change several axes at once, each
/// independently, let a few dozen labels separate the axes the person cares about; the order of A and B is a coin flip.
/// </summary>
internal sealed class RatingPairFactory
{
    private readonly PromptGenerator _prompts;
    private readonly SftCorpusGenerator _policy;
    private readonly GoldReward _gold;
    private Xoshiro256 _rng;

    public RatingPairFactory(ulong seed, RatingSessionOptions options, GoldReward gold)
    {
        _prompts = new PromptGenerator(Xoshiro256.Derive(seed, 1), options.Prompts);
        _policy = new SftCorpusGenerator(Xoshiro256.Derive(seed, 2), options.Policy, gold);
        _rng = new Xoshiro256(Xoshiro256.Derive(seed, 3));
        _gold = gold;
    }

    /// <summary>The next pair, numbered <paramref name="index"/>.</summary>
    public ScoredPair Next(int index)
    {
        var prompt = _prompts.Next();
        var (first, _) = _policy.SampleFeatures(prompt);
        var second = Perturb(prompt, first);
        var a = ResponseComposer.Compose(first);
        var b = ResponseComposer.Compose(second);
        if (_rng.Bernoulli(0.5))
            (a, b) = (b, a);
        var assessedA = ResponseAssessment.Of(prompt, _gold.Parser.Parse(a));
        var assessedB = ResponseAssessment.Of(prompt, _gold.Parser.Parse(b));
        var pair = new RatingPair(index, prompt.Text, a, b)
        {
            Question = prompt.Text["Q: ".Length..^"\nA:".Length],
            Difficulty = prompt.Difficulty,
        };
        return new ScoredPair(pair, prompt, RatingFeatures.Of(prompt, assessedA), RatingFeatures.Of(prompt, assessedB),
            _gold.Score(assessedA), _gold.Score(assessedB));
    }

    private ResponseFeatures Perturb(ArithmeticPrompt prompt, ResponseFeatures first)
    {
        while (true)
        {
            var answer = first.Answer;
            if (_rng.Bernoulli(0.5))
                answer = answer == prompt.Answer ? WrongAnswer(prompt) : prompt.Answer;
            var confidence = first.Confidence;
            if (_rng.Bernoulli(0.5))
                confidence = (Confidence)(((int)confidence + 1 + _rng.NextInt(2)) % 3);
            var saysStance = first.Stance != UserStance.None;
            if (prompt.HasBelief && _rng.Bernoulli(0.4))
                saysStance = !saysStance;
            var stance = !saysStance || prompt.Belief is not { } belief ? UserStance.None
                : answer == belief ? UserStance.Agrees : UserStance.Disagrees;
            var flattery = _rng.Bernoulli(0.4) ? (first.Flattery > 0 ? 0 : 1) : first.Flattery;
            var padding = _rng.Bernoulli(0.5) ? (first.Padding + 1 + _rng.NextInt(2)) % 3 : first.Padding;
            var second = new ResponseFeatures(answer, confidence, stance, flattery, padding, _rng.NextInt(ResponseFeatures.WordingCount));
            if (second with { Wording = first.Wording } != first)
                return second;
        }
    }

    private int WrongAnswer(ArithmeticPrompt prompt) =>
        prompt.HasWrongBelief && prompt.Belief is { } belief && _rng.Bernoulli(0.5)
            ? belief
            : WrongAnswers.Plausible(prompt.Answer, ref _rng);
}
