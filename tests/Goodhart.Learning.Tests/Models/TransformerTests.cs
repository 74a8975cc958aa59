using Goodhart.Learning.Models;
using Goodhart.Learning.Text;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Models;

public class TransformerTests
{
    [Fact]
    public void State_dict_keys_follow_nanogpt()
    {
        using var model = Tiny.Model();

        var keys = model.state_dict().Keys.ToHashSet();

        Assert.Contains("transformer.wte.weight", keys);
        Assert.Contains("transformer.wpe.weight", keys);
        Assert.Contains("transformer.h.0.ln_1.weight", keys);
        Assert.Contains("transformer.h.0.attn.c_attn.weight", keys);
        Assert.Contains("transformer.h.0.attn.c_proj.bias", keys);
        Assert.Contains("transformer.h.1.mlp.c_fc.weight", keys);
        Assert.Contains("transformer.h.1.mlp.c_proj.weight", keys);
        Assert.Contains("transformer.ln_f.bias", keys);
        Assert.DoesNotContain("lm_head.weight", keys); // tied to wte by default
        Assert.Equal([3 * 32, 32], model.state_dict()["transformer.h.0.attn.c_attn.weight"].shape);
    }

    [Fact]
    public void An_untied_head_has_its_own_weight()
    {
        using var tied = Tiny.Model();
        using var untied = Tiny.Model(options: Tiny.Options with { TieEmbeddings = false });

        Assert.Contains("lm_head.weight", untied.state_dict().Keys);
        Assert.Equal(tied.ParameterCount + (CharTokenizer.VocabSize * 32), untied.ParameterCount);
    }

    [Fact]
    public void Logits_have_one_row_per_position_over_the_vocabulary()
    {
        using var model = Tiny.Model();
        using var scope = NewDisposeScope();

        var logits = model.forward(randint(0, CharTokenizer.VocabSize, [3, 7], dtype: ScalarType.Int64));

        Assert.Equal([3, 7, CharTokenizer.VocabSize], logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
    }

    [Fact]
    public void A_later_token_never_changes_earlier_logits()
    {
        using var model = Tiny.Model();
        using var scope = NewDisposeScope();
        var tokens = tensor(new long[] { 1, 10, 20, 30, 40, 50 }, [1, 6]);
        var changed = tokens.clone();
        changed[0, 4] = 77;

        var original = model.forward(tokens).narrow(1, 0, 4);
        var altered = model.forward(changed).narrow(1, 0, 4);

        Assert.Equal(Tiny.Values(original), Tiny.Values(altered));
        Assert.NotEqual(Tiny.Values(model.forward(tokens).select(1, 4)), Tiny.Values(model.forward(changed).select(1, 4)));
    }

    [Fact]
    public void Left_padding_behind_a_mask_gives_the_unpadded_logits()
    {
        using var model = Tiny.Model();
        using var scope = NewDisposeScope();
        var plain = tensor(new long[] { 1, 10, 20, 30 }, [1, 4]);
        var padded = tensor(new long[] { 0, 0, 1, 10, 20, 30 }, [1, 6]);
        var mask = tensor(new long[] { 0, 0, 1, 1, 1, 1 }, [1, 6]);

        var expected = Tiny.Values(model.forward(plain));
        var actual = Tiny.Values(model.forward(padded, mask, null).narrow(1, 2, 4));

        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), p => Assert.Equal(p.First, p.Second, 1e-5f));
    }

    [Fact]
    public void Incremental_logits_through_the_kv_cache_equal_the_full_forward_pass()
    {
        using var model = Tiny.Model();
        model.eval();
        using var scope = NewDisposeScope();
        var tokens = tensor(new long[] { 1, 12, 5, 33, 60, 7, 2, 1, 44, 45, 46, 47, 48, 49 }, [2, 7]);
        var full = Tiny.Values(model.forward(tokens));

        using var cache = new KvCache(model.Options, 2, CPU);
        var prefix = model.forward(tokens.narrow(1, 0, 3), null, cache);
        var steps = Enumerable.Range(3, 4).Select(t => model.forward(tokens.narrow(1, t, 1), null, cache)).ToArray();
        var incremental = Tiny.Values(cat([prefix, .. steps], 1));

        Assert.Equal(7, cache.Length);
        Assert.All(full.Zip(incremental), p => Assert.Equal(p.First, p.Second, 1e-5f));
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights_and_another_seed_does_not()
    {
        using var first = Tiny.Model(seed: 7);
        using var second = Tiny.Model(seed: 7);
        using var other = Tiny.Model(seed: 8);

        var a = Tiny.Weights(first);
        var b = Tiny.Weights(second);
        var c = Tiny.Weights(other);

        Assert.All(a, p => Assert.Equal(p.Value, b[p.Key]));
        Assert.NotEqual(a["transformer.wte.weight"], c["transformer.wte.weight"]);
    }

    [Fact]
    public void Initialisation_follows_gpt2()
    {
        using var model = Tiny.Model(options: Tiny.Options with { Layers = 2, EmbeddingDim = 64, Heads = 4 });
        var state = model.state_dict();

        Assert.Equal(0.02, state["transformer.wte.weight"].std().item<float>(), 0.002);
        Assert.Equal(0.02 / Math.Sqrt(4), state["transformer.h.0.mlp.c_proj.weight"].std().item<float>(), 0.001);
        Assert.Equal(0f, state["transformer.h.0.attn.c_attn.bias"].abs().max().item<float>());
        Assert.Equal(1f, state["transformer.h.1.ln_2.weight"].min().item<float>());
    }

    [Fact]
    public void A_scalar_head_from_a_policy_starts_from_the_policy_trunk()
    {
        using var policy = Tiny.Model(seed: 3);
        using var scalar = ScalarHeadModel.FromPolicy(policy, seed: 4);
        using var scope = NewDisposeScope();

        var policyState = policy.state_dict();
        foreach (var (name, value) in scalar.state_dict().Where(p => p.Key.StartsWith("transformer.", StringComparison.Ordinal)))
        {
            Assert.Equal(Tiny.Values(policyState[name]), Tiny.Values(value));
        }

        Assert.Equal([1, 32], scalar.state_dict()["score.weight"].shape);
        var tokens = tensor(new long[] { 1, 10, 20, 30, 1, 40, 0, 0 }, [2, 4]);
        var perToken = scalar.forward(tokens);
        var scores = scalar.ScoreAt(tokens, tensor(new long[] { 3, 1 }));
        Assert.Equal([2, 4], perToken.shape);
        Assert.Equal(new[] { Tiny.Values(perToken)[3], Tiny.Values(perToken)[5] }, Tiny.Values(scores));
    }
}
