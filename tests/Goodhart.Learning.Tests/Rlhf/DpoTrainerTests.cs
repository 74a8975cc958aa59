using Goodhart.Core.Rlhf;
using Goodhart.Learning.Generation;
using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Text;

namespace Goodhart.Learning.Tests.Rlhf;

// Trains small models: experiment-scale on 2 cores, so it runs with the slow tests (README).
[Trait("Category", "Slow")]
public class DpoTrainerTests
{
    private static readonly IReadOnlyList<PreferencePair> Pairs = Preferences.TinySums;

    private static readonly DpoOptions Quick = new() { Beta = 0.1, LearningRate = 3e-3, Epochs = 8, BatchSize = 3, Seed = 5, EvalEvery = 0 };

    [Fact]
    public void Training_raises_the_chosen_versus_rejected_margin_of_log_ratios()
    {
        using var policy = Tiny.Model(seed: 3);
        using var reference = PolicyCopies.FrozenReference(policy);
        using var trainer = new DpoTrainer(policy, reference, Quick);
        Assert.Equal(0, Margin(policy, reference), 1e-5);

        var result = trainer.Train(Pairs);

        Assert.Equal(16, result.Steps);
        var losses = result.Series(DpoStepStatistics.LossName);
        var margins = result.Series(DpoStepStatistics.MarginsName);
        Assert.Equal(Math.Log(2), losses[0], 1e-5); // the first batch is scored before any update: policy = reference
        Assert.Equal(0, margins[0], 1e-5);
        var margin = Margin(policy, reference);
        Assert.True(margin > 2, $"mean margin of log-ratios after DPO: {margin}");
        Assert.True(losses.TakeLast(2).Average() < Math.Log(2) - 0.1, $"final loss {losses[^1]}");
        Assert.True(result.Series(DpoStepStatistics.AccuraciesName)[^1] == 1);
    }

    [Fact]
    public void Every_trainable_parameter_changes_and_the_reference_does_not()
    {
        using var policy = Tiny.Model(seed: 4, options: Tiny.Options with { TieEmbeddings = false });
        using var reference = PolicyCopies.FrozenReference(policy);
        using var trainer = new DpoTrainer(policy, reference, Quick with { Epochs = 1, BatchSize = 6 });
        var before = Tiny.Weights(policy);
        var referenceBefore = Tiny.Weights(reference);

        trainer.Train(Pairs);

        var after = Tiny.Weights(policy);
        Assert.All(before, p => Assert.False(p.Value.SequenceEqual(after[p.Key]), $"{p.Key} did not change"));
        Assert.All(referenceBefore, p => Assert.True(p.Value.SequenceEqual(Tiny.Weights(reference)[p.Key]), $"reference {p.Key} changed"));
    }

    [Fact]
    public void Same_seed_gives_the_same_metrics_and_evaluations()
    {
        double[] Run()
        {
            using var policy = Tiny.Model(seed: 6);
            using var reference = PolicyCopies.FrozenReference(policy);
            var evaluator = new PolicyEvaluator(reference, [new ArithmeticPrompt(3, '+', 4), new ArithmeticPrompt(2, '+', 2, belief: 5)], new SamplingOptions { MaxNewTokens = 8 }, seed: 9);
            using var trainer = new DpoTrainer(policy, reference, Quick with { Epochs = 2, EvalEvery = 2 });
            return trainer.Train(Pairs, evaluator).Metrics.Select(m => m.Value).ToArray();
        }

        var first = Run();
        Assert.Equal(first, Run());
        Assert.Contains(first, v => v != 0);
    }

    [Fact]
    public void Beta_sweep_runs_each_beta_from_the_same_unchanged_sft_policy()
    {
        using var sft = Tiny.Model(seed: 7);
        var before = Tiny.Weights(sft);

        var results = DpoBetaSweep.Run(sft, Pairs, [0.1, 0.5], Quick with { Epochs = 2 });

        Assert.Equal(["dpo-beta-0.1", "dpo-beta-0.5"], results.Select(r => r.Method));
        Assert.All(before, p => Assert.True(p.Value.SequenceEqual(Tiny.Weights(sft)[p.Key])));
        // The first step of each run scores the unchanged SFT policy: the same loss log 2 whatever beta.
        Assert.All(results, r => Assert.Equal(Math.Log(2), r.Series(DpoStepStatistics.LossName)[0], 1e-5));
        Assert.NotEqual(results[0].Series(DpoStepStatistics.MarginsName)[^1], results[1].Series(DpoStepStatistics.MarginsName)[^1]);
    }

    private static double Margin(CausalLanguageModel policy, CausalLanguageModel reference)
    {
        var prompts = Pairs.Select(p => CharTokenizer.Encode(p.Prompt)).ToArray();
        int[][] chosen = [.. Pairs.Select(p => (int[])[.. CharTokenizer.Encode(p.Chosen), CharTokenizer.Eos])];
        int[][] rejected = [.. Pairs.Select(p => (int[])[.. CharTokenizer.Encode(p.Rejected), CharTokenizer.Eos])];
        var pc = SequenceScoring.SequenceLogProbs(policy, prompts, chosen);
        var pr = SequenceScoring.SequenceLogProbs(policy, prompts, rejected);
        var rc = SequenceScoring.SequenceLogProbs(reference, prompts, chosen);
        var rr = SequenceScoring.SequenceLogProbs(reference, prompts, rejected);
        return Enumerable.Range(0, prompts.Length).Average(i => (pc[i] - rc[i]) - (pr[i] - rr[i]));
    }
}
