using Goodhart.Learning.Generation;
using Goodhart.Learning.Text;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Generation;

public class SamplerTests
{
    private static readonly int[][] Prompts =
    [
        CharTokenizer.Encode("What is 2+2?"),
        CharTokenizer.Encode("Hi"),
        CharTokenizer.Encode("7*8="),
    ];

    [Fact]
    public void Kv_cache_sampling_gives_the_tokens_of_full_recomputation()
    {
        using var model = Tiny.Model(seed: 5);
        var options = new SamplingOptions { MaxNewTokens = 12, StopAtEos = false };

        foreach (var sampling in new[] { options with { Temperature = 0 }, options, options with { TopK = 10, TopP = 0.9 } })
        {
            using var cachedGenerator = TorchRuntime.CreateGenerator(42, 0, CPU);
            using var fullGenerator = TorchRuntime.CreateGenerator(42, 0, CPU);

            var cached = Sampler.Generate(model, Prompts, sampling, cachedGenerator);
            var recomputed = Sampler.Generate(model, Prompts, sampling with { UseKvCache = false }, fullGenerator);

            Assert.Equal(recomputed, cached);
            Assert.All(cached, c => Assert.Equal(12, c.Length));
        }
    }

    [Fact]
    public void A_batch_of_different_lengths_samples_what_each_prompt_samples_alone()
    {
        using var model = Tiny.Model(seed: 5);

        var batched = Sampler.Generate(model, Prompts, SamplingOptions.Greedy with { MaxNewTokens = 10 });
        var alone = Prompts.Select(p => Sampler.Generate(model, [p], SamplingOptions.Greedy with { MaxNewTokens = 10 })[0]);

        Assert.Equal(alone, batched);
    }

    [Fact]
    public void The_same_generator_seed_gives_the_same_samples()
    {
        using var model = Tiny.Model(seed: 5);
        var options = new SamplingOptions { MaxNewTokens = 20, StopAtEos = false };
        using var first = TorchRuntime.CreateGenerator(9, 1, CPU);
        using var second = TorchRuntime.CreateGenerator(9, 1, CPU);
        using var other = TorchRuntime.CreateGenerator(10, 1, CPU);

        var a = Sampler.Generate(model, Prompts, options, first);
        var b = Sampler.Generate(model, Prompts, options, second);
        var c = Sampler.Generate(model, Prompts, options, other);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Generation_is_capped_by_max_new_tokens_and_the_context()
    {
        using var model = Tiny.Model(seed: 5);
        var longPrompt = CharTokenizer.Encode(new string('a', 25)); // 26 with bos: 6 more positions of 32, and a 7th token drawn

        var results = Sampler.Generate(model, [longPrompt, Prompts[1]], new SamplingOptions { MaxNewTokens = 50, StopAtEos = false });
        var short3 = Sampler.Generate(model, Prompts, new SamplingOptions { MaxNewTokens = 3, StopAtEos = false });
        var full = Sampler.Generate(model, [CharTokenizer.Encode(new string('a', 31))], new SamplingOptions { StopAtEos = false });

        Assert.All(results, r => Assert.Equal(7, r.Length));
        Assert.All(short3, r => Assert.Equal(3, r.Length));
        Assert.Single(full[0]);
        Assert.Throws<ArgumentException>(() =>
            Sampler.Generate(model, [CharTokenizer.Encode(new string('a', 32))], new SamplingOptions()));
    }

    [Fact]
    public void Sampling_leaves_the_model_in_the_mode_it_found()
    {
        using var model = Tiny.Model();
        model.train();

        Sampler.Generate(model, Prompts, SamplingOptions.Greedy with { MaxNewTokens = 2 });

        Assert.True(model.training);
    }

    [Fact]
    public void Temperature_zero_picks_the_largest_logit()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new float[] { 0.1f, 3f, 2.9f, -1f, 5f, 4f, 4.5f, 0f }, [2, 4]);

        var chosen = Sampler.Choose(logits, SamplingOptions.Greedy);

        Assert.Equal(new long[] { 1, 0 }, chosen.data<long>().ToArray());
    }

    [Fact]
    public void Top_k_draws_only_from_the_k_most_likely_tokens()
    {
        using var scope = NewDisposeScope();
        using var generator = TorchRuntime.CreateGenerator(1, 2, CPU);
        var logits = tensor(new float[] { 1f, 0.9f, 0.8f, 2f, 1.9f }, [1, 5]).expand(400, 5);

        var draws = Sampler.Choose(logits, new SamplingOptions { TopK = 2 }, generator).data<long>().ToArray();

        Assert.Equal([3L, 4L], draws.Distinct().Order());
    }

    [Fact]
    public void Top_p_keeps_the_smallest_set_that_reaches_p()
    {
        using var scope = NewDisposeScope();
        using var generator = TorchRuntime.CreateGenerator(1, 3, CPU);
        // Probabilities 0.5, 0.3, 0.1, 0.1: the tokens before reaching 0.7 are the first two.
        var logits = tensor(new[] { 0.5f, 0.3f, 0.1f, 0.1f }, [1, 4]).log().expand(400, 4);

        var draws = Sampler.Choose(logits, new SamplingOptions { TopP = 0.7 }, generator).data<long>().ToArray();

        Assert.Equal([0L, 1L], draws.Distinct().Order());
        Assert.InRange(draws.Count(d => d == 0) / 400.0, 0.5, 0.75); // 0.5 / 0.8 = 0.625
    }

    [Fact]
    public void Impossible_options_are_refused()
    {
        using var model = Tiny.Model();

        Assert.Throws<ArgumentException>(() => Sampler.Generate(model, Prompts, new SamplingOptions { TopP = 0 }));
        Assert.Throws<ArgumentException>(() => Sampler.Generate(model, Prompts, new SamplingOptions { Temperature = -1 }));
        Assert.Throws<ArgumentException>(() => Sampler.Generate(model, Prompts, new SamplingOptions { MaxNewTokens = 0 }));
    }
}
