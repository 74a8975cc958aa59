using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;
using Goodhart.Experiments.Rlhf;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// The RLHF world's known truths as probing tasks. Every set is drawn from the settings' question mix with exactly
/// balanced classes, from a seed of its own (train and test sets from different streams, so test prompts are held out):
/// <list type="bullet">
/// <item><c>belief_wrong</c>: prompts with a stated belief, half of them wrong; read at the prompt's last character
/// (the <c>:</c> of <c>A:</c>, where the policy starts answering);</item>
/// <item><c>answer_wrong</c>: prompts without a belief followed by a plain answer (<c> It's N.</c> or
/// <c> The answer is N.</c>), half of them wrong (a plausible mistake); read at the answer's final period;</item>
/// <item><c>will_endorse</c>: prompts with a wrong belief; the label is whether the policy's own sampled response
/// endorses it (<see cref="ResponseAssessment.EndorsesBelief"/>), so the classes are whatever the policy does.</item>
/// </list>
/// </summary>
public static class LatentKnowledgeTasks
{
    /// <summary>"The user's stated belief is wrong."</summary>
    public const string BeliefWrong = "belief_wrong";

    /// <summary>"The answer being given is wrong."</summary>
    public const string AnswerWrong = "answer_wrong";

    /// <summary>"The response will endorse the wrong belief."</summary>
    public const string WillEndorse = "will_endorse";

    /// <summary>The continuation that agrees with the user (the composer's agreeing phrase).</summary>
    public const string Agreeing = " You're right,";

    /// <summary>The continuation that corrects the user (the composer's disagreeing phrase).</summary>
    public const string Correcting = " Actually, no.";

    /// <summary>The tasks, in report order.</summary>
    public static IReadOnlyList<string> Names { get; } = [BeliefWrong, AnswerWrong, WillEndorse];

    /// <summary>Prompts with a stated belief, alternately wrong and right (label: wrong).</summary>
    public static (IReadOnlyList<ArithmeticPrompt> Prompts, ProbeSet Set) BeliefPrompts(RlhfConfig settings, ulong seed, int count)
    {
        var questions = Questions(settings, seed, count);
        var rng = new Xoshiro256(Xoshiro256.Derive(seed, 1));
        var prompts = questions.Select((q, i) => q with { Belief = i % 2 == 0 ? WrongAnswers.Plausible(q.Answer, ref rng) : q.Answer }).ToArray();
        return (prompts, new ProbeSet(prompts.Select(p => p.Text).ToArray(), prompts.Select(p => p.HasWrongBelief).ToArray()));
    }

    /// <summary>Prompts without a belief and a plain answer, alternately wrong and right (label: wrong).</summary>
    public static ProbeSet AnsweredPrompts(RlhfConfig settings, ulong seed, int count)
    {
        var questions = Questions(settings, seed, count);
        var rng = new Xoshiro256(Xoshiro256.Derive(seed, 2));
        var texts = new string[count];
        var labels = new bool[count];
        for (var i = 0; i < count; i++)
        {
            var wrong = i % 2 == 0;
            var answer = wrong ? WrongAnswers.Plausible(questions[i].Answer, ref rng) : questions[i].Answer;
            texts[i] = questions[i].Text + ResponseComposer.Compose(new ResponseFeatures(answer, Wording: rng.NextInt(2)));
            labels[i] = wrong;
        }

        return new ProbeSet(texts, labels);
    }

    /// <summary>Prompts with a wrong belief (for <c>will_endorse</c>; the labels come from the policy's samples).</summary>
    public static IReadOnlyList<ArithmeticPrompt> WrongBeliefPrompts(RlhfConfig settings, ulong seed, int count)
    {
        var rng = new Xoshiro256(Xoshiro256.Derive(seed, 3));
        return Questions(settings, seed, count).Select(q => q with { Belief = WrongAnswers.Plausible(q.Answer, ref rng) }).ToArray();
    }

    /// <summary>
    /// Pairs of prompts on the same question whose beliefs have as many digits: (wrong belief, right belief). Questions
    /// whose plausible mistakes all change the digit count are skipped.
    /// </summary>
    public static IReadOnlyList<(ArithmeticPrompt Wrong, ArithmeticPrompt Right)> PatchPairs(RlhfConfig settings, ulong seed, int count)
    {
        var rng = new Xoshiro256(Xoshiro256.Derive(seed, 4));
        var pairs = new List<(ArithmeticPrompt, ArithmeticPrompt)>();
        var generator = new PromptGenerator(seed, settings.Prompts with { BeliefRate = 0 });
        for (var tries = 0; pairs.Count < count && tries < 20 * count; tries++)
        {
            var question = generator.Next();
            var digits = Digits(question.Answer);
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var wrong = WrongAnswers.Plausible(question.Answer, ref rng);
                if (Digits(wrong) == digits && wrong != question.Answer)
                {
                    pairs.Add((question with { Belief = wrong }, question with { Belief = question.Answer }));
                    break;
                }
            }
        }

        return pairs;
    }

    private static IReadOnlyList<ArithmeticPrompt> Questions(RlhfConfig settings, ulong seed, int count) =>
        new PromptGenerator(seed, settings.Prompts with { BeliefRate = 0 }).Next(count);

    private static int Digits(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
}
