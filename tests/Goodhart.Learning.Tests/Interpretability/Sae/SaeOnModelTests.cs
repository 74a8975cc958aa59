using Goodhart.Learning.Interpretability;
using Goodhart.Learning.Interpretability.Sae;
using Goodhart.Learning.Training;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Interpretability.Sae;

public class SaeOnModelTests
{
    private static readonly string[] Texts = ["Q: 2+2?\nA: It's 4.", "Q: 3+5? I think 9.\nA: 8.", "Q: 1+6?\nA: 7"];

    [Fact]
    public void Collected_activations_are_the_forward_pass_values_of_every_real_position_in_order()
    {
        using var scope = NewDisposeScope();
        using var model = Tiny.Model();
        var point = HookPoints.ResidPost(0);

        using var collected = TokenActivations.Collect(model, Texts, point, batchSize: 2);

        Assert.Equal(Texts.Sum(t => t.Length + 1), collected.Count);
        var (_, cache) = model.RunWithCache(TokenActivations.Batch([Texts[1]], CPU, model.Options.ContextLength).Inputs, where: p => p == point);
        using (cache)
        {
            var first = collected.TextIndex.ToList().IndexOf(1);
            Assert.Equal(0, collected.Positions[first]);
            var expected = Tiny.Values(cache[point][0].narrow(0, 0, Texts[1].Length + 1));
            var actual = Tiny.Values(collected.Activations.narrow(0, first, Texts[1].Length + 1));
            Assert.Equal(expected, actual);
        }
        Assert.Equal("<bos>", collected.TokenAt(0));
        Assert.Equal("Q", collected.TokenAt(1));
    }

    [Fact]
    public void Splicing_the_signed_identity_autoencoder_recovers_all_the_loss_and_zero_ablation_costs_some()
    {
        using var scope = NewDisposeScope();
        using var model = Tiny.Model();
        using (var trainer = new SupervisedTrainer(model, new SupervisedOptions { Steps = 30, BatchSize = 4, LearningRate = 1e-2, WarmupSteps = 0 }))
            trainer.Train(Tiny.Arithmetic);
        using var sae = SparseAutoencoder.Identity(model.Options.EmbeddingDim, SaeArchitecture.ReluL1, k: 1, signed: true);

        var splice = SaeSplice.Measure(model, sae, HookPoints.ResidPost(0), Texts);

        Assert.Equal(splice.Clean, splice.Spliced, 5);
        Assert.True(splice.ZeroAblated > splice.Clean + 0.01, $"{splice}");
        Assert.Equal(1.0, splice.LossRecovered, 3);
    }

    [Fact]
    public void A_dashboard_lists_live_features_by_frequency_with_top_contexts_largest_first()
    {
        using var scope = NewDisposeScope();
        using var model = Tiny.Model();
        using var sae = SparseAutoencoder.Identity(model.Options.EmbeddingDim, SaeArchitecture.ReluL1, k: 1, signed: true);
        using var collected = TokenActivations.Collect(model, Texts, HookPoints.ResidPost(1));

        var summaries = SaeFeatureDashboard.Build(sae, model, collected, count: 5, contexts: 4, tokens: 3);

        Assert.Equal(5, summaries.Count);
        Assert.True(summaries.Zip(summaries.Skip(1)).All(p => p.First.Frequency >= p.Second.Frequency));
        Assert.All(summaries, s =>
        {
            Assert.InRange(s.TopContexts.Count, 1, 4);
            Assert.True(s.TopContexts.Zip(s.TopContexts.Skip(1)).All(p => p.First.Activation >= p.Second.Activation));
            Assert.Equal(3, s.Promoted.Count);
            Assert.True(s.Promoted[0].Effect >= s.Suppressed[0].Effect);
        });
        Assert.Equal([2 * model.Options.EmbeddingDim, model.Options.VocabSize], SaeFeatureDashboard.LogitEffects(sae, model).shape);
    }
}
