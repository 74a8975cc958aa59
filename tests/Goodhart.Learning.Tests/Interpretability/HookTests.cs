using Goodhart.Learning.Interpretability;
using Goodhart.Learning.Models;
using Goodhart.Learning.Text;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Interpretability;

public class HookTests
{
    private static Tensor Tokens(long seed = 3, long batch = 3, long time = 9)
    {
        using var generator = new Generator((ulong)seed);
        return randint(1, CharTokenizer.VocabSize, [batch, time], dtype: ScalarType.Int64, generator: generator);
    }

    [Fact]
    public void Every_hook_point_is_reached_once_per_forward_pass_in_order()
    {
        using var model = Tiny.Model();
        using var scope = NewDisposeScope();
        var seen = new List<string>();
        var hooks = new ActivationHooks().AddEverywhere((activation, point) =>
        {
            seen.Add(point);
            return activation;
        });

        model.RunWithHooks(Tokens(), hooks);

        Assert.Equal(HookPoints.All(model.Options), seen);
        Assert.Equal(2 + (7 * Tiny.Options.Layers) + 1, seen.Count);
    }

    [Fact]
    public void Cached_activations_are_the_values_the_forward_pass_computes()
    {
        using var model = Tiny.Model();
        using var scope = NewDisposeScope();
        var tokens = Tokens();
        var plain = model.forward(tokens);

        var (logits, cache) = model.RunWithCache(tokens);
        using (cache)
        {
            Assert.True(Tiny.Same(plain, logits));
            Assert.True(Tiny.Same(cache[HookPoints.ResidPre(0)], cache[HookPoints.Embed] + cache[HookPoints.PosEmbed]));
            for (var layer = 0; layer < Tiny.Options.Layers; layer++)
            {
                Assert.True(Tiny.Same(cache[HookPoints.ResidMid(layer)], cache[HookPoints.ResidPre(layer)] + cache[HookPoints.AttnOut(layer)]));
                Assert.True(Tiny.Same(cache[HookPoints.ResidPost(layer)], cache[HookPoints.ResidMid(layer)] + cache[HookPoints.MlpOut(layer)]));
                var pattern = cache[HookPoints.AttnPattern(layer)];
                Assert.Equal([3, Tiny.Options.Heads, 9, 9], pattern.shape);
                Assert.True(pattern.sum(-1).allclose(ones_like(pattern.sum(-1)), rtol: 0, atol: 1e-6));
                Assert.Equal(0.0, pattern.triu(1).abs().max().item<float>());
                Assert.Equal([3, 9, Tiny.Options.Heads, Tiny.Options.HeadDim], cache[HookPoints.AttnZ(layer)].shape);
            }

            for (var layer = 1; layer < Tiny.Options.Layers; layer++)
            {
                Assert.True(Tiny.Same(cache[HookPoints.ResidPre(layer)], cache[HookPoints.ResidPost(layer - 1)]));
            }

            // The tied head reads ln_final's output: the same matmul gives the same logits, bit for bit.
            var head = nn.functional.linear(cache[HookPoints.FinalNormalized], model.Backbone.TokenEmbedding);
            Assert.True(Tiny.Same(head, plain));
        }
    }

    [Fact]
    public void A_zero_add_hook_at_every_point_leaves_the_logits_bit_identical()
    {
        using var model = Tiny.Model();
        using var scope = NewDisposeScope();
        var tokens = Tokens();
        var plain = model.forward(tokens);
        var hooks = new ActivationHooks().AddEverywhere((activation, _) => activation + zeros_like(activation));

        var hooked = model.RunWithHooks(tokens, hooks);

        Assert.True(Tiny.Same(plain, hooked));
        Assert.True(Tiny.Same(model.forward(tokens), plain)); // detached again afterwards
        Assert.Null(model.Backbone.Hooks);
    }

    [Fact]
    public void Patching_the_full_residual_at_the_last_layer_gives_the_donors_logits()
    {
        using var model = Tiny.Model();
        using var scope = NewDisposeScope();
        var clean = Tokens(seed: 3);
        var donor = Tokens(seed: 4);
        var last = HookPoints.ResidPost(Tiny.Options.Layers - 1);
        var (donorLogits, donorCache) = model.RunWithCache(donor, where: p => p == last);
        using (donorCache)
        {
            var patched = model.RunWithHooks(clean, new ActivationHooks().Add(last, ActivationPatches.Replace(donorCache[last])));

            Assert.True(Tiny.Same(patched, donorLogits));
            Assert.False(Tiny.Same(model.forward(clean), donorLogits));
        }
    }

    [Fact]
    public void Patching_one_position_changes_that_position_onwards_only()
    {
        using var model = Tiny.Model();
        using var scope = NewDisposeScope();
        var clean = Tokens(seed: 3);
        var donor = Tokens(seed: 4);
        var point = HookPoints.ResidPre(0);
        var (_, donorCache) = model.RunWithCache(donor, where: p => p == point);
        using (donorCache)
        {
            var plain = model.forward(clean);
            var patched = model.RunWithHooks(clean, new ActivationHooks().Add(point, ActivationPatches.ReplaceAt(donorCache[point], 5)));

            Assert.True(Tiny.Same(patched.narrow(1, 0, 5), plain.narrow(1, 0, 5)));
            Assert.False(patched.narrow(1, 5, 1).allclose(plain.narrow(1, 5, 1)));
        }
    }

    [Fact]
    public void Hooks_on_a_reward_model_see_its_trunk()
    {
        using var policy = Tiny.Model();
        using var reward = ScalarHeadModel.FromPolicy(policy, seed: 2);
        using var scope = NewDisposeScope();
        var tokens = Tokens();
        var plain = reward.forward(tokens);
        var last = HookPoints.ResidPost(Tiny.Options.Layers - 1);

        var (scores, cache) = reward.RunWithCache(tokens);
        using (cache)
        {
            Assert.True(Tiny.Same(scores, plain));
            var (_, policyCache) = policy.RunWithCache(tokens);
            using (policyCache)
            {
                Assert.True(Tiny.Same(cache[last], policyCache[last])); // the trunk was copied from the policy
            }

            var ablated = reward.RunWithHooks(tokens, new ActivationHooks().Add(HookPoints.FinalNormalized, ActivationPatches.Zero()));
            Assert.False(Tiny.Same(ablated, plain));
        }
    }

    [Fact]
    public void Steering_adds_the_direction_and_gradients_flow_through_the_hook()
    {
        using var model = Tiny.Model();
        using var scope = NewDisposeScope();
        var tokens = Tokens();
        var direction = zeros(Tiny.Options.EmbeddingDim, requires_grad: true);
        var point = HookPoints.ResidPost(0);

        var (_, cache) = model.RunWithCache(tokens, where: p => p == point, hooks: new ActivationHooks().Add(point, ActivationPatches.Add(direction, 2.0)));
        var (_, plainCache) = model.RunWithCache(tokens, where: p => p == point);
        using (cache)
        using (plainCache)
        {
            Assert.True(Tiny.Same(cache[point], plainCache[point]));
        }

        var logits = model.RunWithHooks(tokens, new ActivationHooks().Add(point, ActivationPatches.Add(direction, 2.0)));
        logits.sum().backward();
        Assert.NotNull(direction.grad);
        Assert.True(direction.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Unknown_points_and_a_second_set_of_hooks_are_refused()
    {
        using var model = Tiny.Model();
        var typo = new ActivationHooks().Add("blocks.9.hook_resid_post", (a, _) => a);
        var error = Assert.Throws<ArgumentException>(() => model.Backbone.UseHooks(typo));
        Assert.Contains("blocks.9.hook_resid_post", error.Message, StringComparison.Ordinal);

        using (model.Backbone.UseHooks(new ActivationHooks()))
        {
            Assert.Throws<InvalidOperationException>(() => model.Backbone.UseHooks(new ActivationHooks()));
        }

        Assert.Null(model.Backbone.Hooks);
    }

    [Fact]
    public void A_hook_returning_the_wrong_shape_fails_loudly()
    {
        using var model = Tiny.Model();
        using var scope = NewDisposeScope();
        var hooks = new ActivationHooks().Add(HookPoints.MlpOut(0), (a, _) => a.narrow(1, 0, 1));

        var error = Assert.Throws<InvalidOperationException>(() => model.RunWithHooks(Tokens(), hooks));

        Assert.Contains(HookPoints.MlpOut(0), error.Message, StringComparison.Ordinal);
        Assert.Null(model.Backbone.Hooks);
    }
}
