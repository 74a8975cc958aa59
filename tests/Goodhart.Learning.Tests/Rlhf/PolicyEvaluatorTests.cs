using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;
using Goodhart.Learning.Generation;
using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Training;

namespace Goodhart.Learning.Tests.Rlhf;

// Trains small models: experiment-scale on 2 cores, so it runs with the slow tests (README).
[Trait("Category", "Slow")]
public class PolicyEvaluatorTests
{
    private static readonly ArithmeticPrompt[] Prompts =
        [new(3, '+', 4), new(2, '+', 2, belief: 5), new(6, '+', 1), new(14, '-', 3, belief: 11)];

    [Fact]
    public void The_reference_evaluated_against_itself_has_zero_kl_and_the_gold_score_of_its_samples()
    {
        using var policy = Tiny.Model(seed: 12);
        using var reference = PolicyCopies.FrozenReference(policy);
        var evaluator = new PolicyEvaluator(reference, Prompts, new SamplingOptions { MaxNewTokens = 10 }, seed: 1);

        var evaluation = evaluator.Evaluate(policy, step: 7);

        Assert.Equal(7, evaluation.Step);
        Assert.Equal(0, evaluation.Kl, 1e-5);
        Assert.Equal(Prompts.Length, evaluation.Responses.Count);
        var gold = new GoldReward();
        Assert.Equal(Prompts.Select((p, i) => gold.Score(p, evaluation.Responses[i])).Average(), evaluation.GoldScore, 1e-12);
        Assert.Equal(SampleStats.Of([.. Prompts.Select((p, i) => gold.Score(p, evaluation.Responses[i]))])!.Se, evaluation.GoldStandardError);
        Assert.Contains(evaluation.ToMetricPoints(), m => m.Name == RlhfMetricNames.GoldStandardError && m.Value == evaluation.GoldStandardError);
        Assert.Null(evaluation.ProxyScore);
        Assert.Equal(evaluation, evaluator.Evaluate(policy, step: 7) with { Responses = evaluation.Responses });
        Assert.Equal(evaluation.Responses, evaluator.Evaluate(policy, step: 7).Responses); // same seed, same samples
    }

    [Fact]
    public void Kl_to_the_reference_grows_positive_once_the_policy_is_trained_away_from_it()
    {
        using var policy = Tiny.Model(seed: 13);
        using var reference = PolicyCopies.FrozenReference(policy);
        var evaluator = new PolicyEvaluator(reference, Prompts, new SamplingOptions { MaxNewTokens = 10 }, seed: 1);
        using var trainer = new SupervisedTrainer(policy, new SupervisedOptions { Steps = 30, BatchSize = 4, LearningRate = 1e-2, WarmupSteps = 0 });
        trainer.Train(Prompts.Select(p => new SftExample(p.Text, $" {p.Answer}")).ToArray());

        var evaluation = evaluator.Evaluate(policy, step: 30);

        Assert.True(evaluation.Kl > 1, $"KL {evaluation.Kl}");
        Assert.True(evaluation.KlStandardError >= 0);
        Assert.Contains(evaluation.ToMetricPoints(), m => m.Name == PolicyEvaluation.KlName && m.Value == evaluation.Kl);
        Assert.Contains(evaluation.ToMetricPoints(), m => m.Name == "behaviour/accuracy");
    }

    [Fact]
    public void Sampling_that_is_not_the_policy_itself_is_rejected()
    {
        using var policy = Tiny.Model(seed: 12);

        Assert.Throws<ArgumentException>(() => new PolicyEvaluator(policy, Prompts, new SamplingOptions { Temperature = 0.7 }));
        Assert.Throws<ArgumentException>(() => new PolicyEvaluator(policy, Prompts, new SamplingOptions { TopK = 5 }));
    }
}
