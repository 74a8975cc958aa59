using Goodhart.Core.Oversight.Assistance;
using Goodhart.Core.Rlhf;
using Goodhart.Learning.Oversight.Assistance;

namespace Goodhart.Learning.Tests.Oversight.Assistance;

public class TrainedCriticTests
{
    private static (ArithmeticPrompt[] Prompts, ResponseAssessment[] Responses) Corpus(ulong seed, int count)
    {
        var examples = new SftCorpusGenerator(seed).Next(count);
        var prompts = examples.Select(e => ArithmeticPrompt.Parse(e.Prompt)).ToArray();
        return (prompts, [.. examples.Select((e, i) => ResponseAssessment.Of(prompts[i], e.Completion))]);
    }

    [Fact]
    public void A_critic_trained_on_gold_checked_examples_claims_better_than_a_fixed_guess()
    {
        var (trainPrompts, trainResponses) = Corpus(1, 1500);
        var (prompts, responses) = Corpus(2, 600);
        using var critic = TrainedCritic.Train(trainPrompts, trainResponses, new CriticOptions { Epochs = 30, Seed = 3 });
        Assert.True(critic.TrainingExamples > 1000);
        var trained = CriticEvaluation.Of(prompts, responses, critic.Critique(prompts, responses));
        // the fixed guess: "the last digit is wrong" about every response
        var guess = CriticEvaluation.Of(prompts, responses, [.. responses.Select(_ => FlawCheck.LastDigit)]);
        Assert.True(trained.Claims > 0, "the critic never spoke");
        Assert.True(trained.Precision > guess.Precision + 0.1, $"trained precision {trained.Precision:0.000} (claims {trained.Claims}) vs fixed guess {guess.Precision:0.000}");
        Assert.InRange(trained.Recall, 0.0, 1.0);
    }

    [Fact]
    public void Unreadable_responses_get_no_claim_and_the_options_are_checked()
    {
        var (prompts, responses) = Corpus(4, 100);
        using var critic = TrainedCritic.Train(prompts, responses, new CriticOptions { Epochs = 1, Seed = 1 });
        var p = new ArithmeticPrompt(37, '*', 24);
        Assert.Equal([FlawCheck.None], critic.Critique([p], [ResponseAssessment.Of(p, " 887 or 888")]));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainedCritic.Train(prompts, responses, new CriticOptions { FlagThreshold = 0 }));
        Assert.Throws<ArgumentException>(() => TrainedCritic.Train([p], [ResponseAssessment.Of(p, "??")], new CriticOptions()));
    }
}
