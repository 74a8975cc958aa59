using Goodhart.Learning.Interpretability;
using Goodhart.Learning.Interpretability.Sae;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Interpretability.Sae;

public class SaeFeatureEditTests
{
    private static readonly string[] Texts = ["Q: 2+2?\nA: It's 4.", "Q: 3+5? I think 9.\nA: 8."];

    [Fact]
    public void Ablating_a_feature_changes_the_reconstruction_by_exactly_its_decoder_contribution()
    {
        using var scope = NewDisposeScope();
        using var sae = SparseAutoencoder.Create(8, new SaeOptions { DictionarySize = 24, K = 3, Seed = 5 }, CPU);
        var x = randn([50, 8], generator: manual_seed(7)).mul(tensor(3f));
        sae.FitInputStatistics(x);
        var codes = sae.Encode(x);
        var full = sae.forward(x);
        var checkedFeatures = 0;
        for (var j = 0; j < sae.DictionarySize; j++)
        {
            var f = codes.select(1, j).unsqueeze(1);
            if (f.max().item<float>() <= 0)
                continue;
            checkedFeatures++;
            var contribution = f.mul(sae.Decoder[j].detach()).mul(tensor((float)sae.InputScale));

            var ablated = SaeFeatureEdit.ReconstructWith(sae, x, j, 0);
            var delta = SaeFeatureEdit.Delta(sae, x, j, 0);

            Assert.True(full.sub(ablated).allclose(contribution, rtol: 1e-5, atol: 1e-5), $"feature {j}");
            Assert.True(delta.allclose(ablated.sub(full), rtol: 1e-5, atol: 1e-5), $"feature {j}");
            // Rows where the feature does not fire are not moved at all.
            var silent = f.squeeze(1).eq(tensor(0f));
            Assert.Equal(0f, delta[silent].abs().sum().item<float>());
        }
        Assert.True(checkedFeatures >= 5, $"{checkedFeatures} features fired");
    }

    [Fact]
    public void With_the_identity_dictionary_ablation_zeroes_exactly_the_coordinate_and_clamping_sets_it()
    {
        using var scope = NewDisposeScope();
        using var sae = SparseAutoencoder.Identity(4, SaeArchitecture.ReluL1, k: 4);
        var x = tensor(new float[,] { { 0.5f, 1.5f, 2f, 0.25f }, { 3f, 0f, 4f, 7f } });

        var ablated = SaeFeatureEdit.Ablate(sae, 2)(x, "test");
        var clamped = SaeFeatureEdit.Set(sae, 1, 6)(x, "test");

        Assert.Equal([0.5f, 1.5f, 0f, 0.25f, 3f, 0f, 0f, 7f], Tiny.Values(ablated));
        Assert.Equal([0.5f, 6f, 2f, 0.25f, 3f, 6f, 4f, 7f], Tiny.Values(clamped));
        Assert.Equal(Tiny.Values(tensor(new float[,] { { 0.5f, 1.5f, 2f, 0.25f }, { 3f, 0f, 4f, 7f } })), Tiny.Values(x));
    }

    [Fact]
    public void On_a_model_the_ablation_hook_is_the_forward_pass_with_the_feature_contribution_removed_and_clamping_changes_the_logits()
    {
        using var scope = NewDisposeScope();
        using var model = Tiny.Model();
        var point = HookPoints.ResidPost(0);
        using var sae = SparseAutoencoder.Identity(model.Options.EmbeddingDim, SaeArchitecture.ReluL1, k: 1, signed: true);
        var inputs = TokenActivations.Batch(Texts, CPU, model.Options.ContextLength).Inputs;
        var (clean, cache) = model.RunWithCache(inputs, where: p => p == point);
        using (cache)
        {
            var x = cache[point];
            // Feature 0 (+e_0) reads coordinate 0 where it is positive: ablating it zeroes those entries and nothing else.
            var positive = x.select(-1, 0).relu();
            var manual = x.clone();
            manual.select(-1, 0).sub_(positive);

            var ablated = model.RunWithHooks(inputs, new ActivationHooks().Add(point, SaeFeatureEdit.Ablate(sae, 0)));
            var patched = model.RunWithHooks(inputs, new ActivationHooks().Add(point, ActivationPatches.Replace(manual)));
            var clamped = model.RunWithHooks(inputs, new ActivationHooks().Add(point, SaeFeatureEdit.Set(sae, 0, 5)));

            Assert.True(positive.max().item<float>() > 0);
            Assert.True(ablated.allclose(patched, rtol: 1e-5, atol: 1e-5));
            Assert.False(clean.allclose(ablated));
            Assert.False(clean.allclose(clamped));
        }
    }

    [Fact]
    public void Edits_refuse_a_feature_outside_the_dictionary_and_a_negative_value()
    {
        using var scope = NewDisposeScope();
        using var sae = SparseAutoencoder.Identity(3, SaeArchitecture.ReluL1, k: 3);
        var x = ones(2, 3);

        Assert.Throws<ArgumentOutOfRangeException>(() => SaeFeatureEdit.Delta(sae, x, 3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SaeFeatureEdit.Delta(sae, x, 0, -1));
    }
}
