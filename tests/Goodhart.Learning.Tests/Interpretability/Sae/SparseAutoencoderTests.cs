using Goodhart.Learning.Interpretability.Sae;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Interpretability.Sae;

public class SparseAutoencoderTests
{
    [Fact]
    public void The_identity_dictionary_reconstructs_non_negative_inputs_exactly()
    {
        using var scope = NewDisposeScope();
        using var sae = SparseAutoencoder.Identity(4, SaeArchitecture.ReluL1, k: 4);
        var x = tensor(new float[,] { { 0f, 1.5f, 2f, 0.25f }, { 3f, 0f, 0f, 7f } });

        Assert.Equal(Tiny.Values(x), Tiny.Values(sae.forward(x)));
        Assert.Equal(1.0, SaeMetrics.Of(sae, x).ExplainedVariance);
    }

    [Theory]
    [InlineData(SaeArchitecture.ReluL1)]
    [InlineData(SaeArchitecture.TopK)]
    public void The_signed_identity_dictionary_reconstructs_any_input_exactly_and_TopK_with_k_equal_to_the_width_too(SaeArchitecture architecture)
    {
        using var scope = NewDisposeScope();
        using var sae = SparseAutoencoder.Identity(5, architecture, k: 5, signed: true);
        var x = randn([64, 5], generator: manual_seed(3));

        Assert.Equal(10, sae.DictionarySize);
        Assert.Equal(Tiny.Values(x), Tiny.Values(sae.forward(x)));
        var metrics = SaeMetrics.Of(sae, x);
        Assert.Equal(1.0, metrics.ExplainedVariance, 12);
        Assert.Equal(0.0, metrics.Mse);
    }

    [Fact]
    public void TopK_with_k_below_the_width_does_not_reconstruct_the_identity_exactly()
    {
        using var scope = NewDisposeScope();
        using var sae = SparseAutoencoder.Identity(5, SaeArchitecture.TopK, k: 2, signed: true);
        var x = randn([64, 5], generator: manual_seed(3));

        Assert.True(SaeMetrics.Of(sae, x).ExplainedVariance < 0.9);
        Assert.Equal(2.0, SaeMetrics.Of(sae, x).L0);
    }

    [Fact]
    public void L0_of_a_TopK_autoencoder_equals_k()
    {
        using var scope = NewDisposeScope();
        using var sae = SparseAutoencoder.Create(16, new SaeOptions { DictionarySize = 64, K = 5, Seed = 2 }, CPU);
        var x = randn([200, 16], generator: manual_seed(4));

        var features = sae.Encode(x);

        Assert.Equal(5.0, SaeMetrics.Of(sae, x).L0);
        Assert.All(Tiny.Values(features.gt(tensor(0f)).sum(1).to(ScalarType.Float32)), count => Assert.Equal(5f, count));
    }

    [Fact]
    public void Dead_and_dense_features_are_counted_on_a_hand_case()
    {
        using var scope = NewDisposeScope();
        // Identity dictionary of width 3: feature j fires when coordinate j is positive.
        // Feature 0 fires on all 4 tokens, feature 1 on 1 of 4, feature 2 never (dead).
        using var sae = SparseAutoencoder.Identity(3, SaeArchitecture.ReluL1, k: 3);
        var x = tensor(new float[,] { { 1f, 0f, -1f }, { 2f, 3f, 0f }, { 0.5f, -2f, -0.5f }, { 4f, 0f, 0f } });

        var metrics = SaeMetrics.Of(sae, x, denseThreshold: 0.5);

        Assert.Equal(new[] { 1.0, 0.25, 0.0 }, metrics.Frequencies);
        Assert.Equal(1, metrics.DeadFeatures);
        Assert.Equal(1, metrics.DenseFeatures);
        Assert.Equal(1.25, metrics.L0);
        Assert.Equal(4, metrics.Tokens);
    }

    [Theory]
    [InlineData(SaeArchitecture.TopK)]
    [InlineData(SaeArchitecture.ReluL1)]
    public void Training_lowers_the_loss_and_keeps_decoder_rows_at_unit_norm(SaeArchitecture architecture)
    {
        using var scope = NewDisposeScope();
        var data = SparseData(tokens: 2048, width: 16, features: 32, seed: 5);
        var options = new SaeOptions { Architecture = architecture, DictionarySize = 48, K = 3, L1Coefficient = 0.3, Steps = 300, BatchSize = 128, LearningRate = 3e-3, Seed = 1 };
        using var sae = SparseAutoencoder.Create(16, options, CPU);
        var before = SaeMetrics.Of(sae, data);

        var steps = SaeTrainer.Train(sae, data, options);

        var first = steps.Take(20).Average(s => s.Loss);
        var last = steps.TakeLast(20).Average(s => s.Loss);
        Assert.True(last < 0.5 * first, $"loss {first} -> {last}");
        var after = SaeMetrics.Of(sae, data);
        Assert.True(after.ExplainedVariance > before.ExplainedVariance + 0.2, $"explained variance {before.ExplainedVariance} -> {after.ExplainedVariance}");
        Assert.All(Tiny.Values(sae.Decoder.norm(1)), norm => Assert.Equal(1f, norm, 1e-4f));
    }

    [Fact]
    public void The_same_seed_trains_the_same_autoencoder()
    {
        using var scope = NewDisposeScope();
        var data = SparseData(tokens: 256, width: 8, features: 16, seed: 6);
        var options = new SaeOptions { DictionarySize = 16, K = 2, Steps = 20, BatchSize = 32, Seed = 9 };

        float[] Train()
        {
            using var sae = SparseAutoencoder.Create(8, options, CPU);
            SaeTrainer.Train(sae, data, options);
            return Tiny.Values(sae.Decoder);
        }

        Assert.Equal(Train(), Train());
    }

    [Fact]
    public void Options_out_of_range_are_refused_naming_the_setting()
    {
        Assert.Contains("k must be", Assert.Throws<ArgumentException>(() => new SaeOptions { DictionarySize = 4, K = 5 }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("dictionary_size", Assert.Throws<ArgumentException>(() => new SaeOptions { DictionarySize = 0 }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("l1_coefficient", Assert.Throws<ArgumentException>(() => new SaeOptions { L1Coefficient = double.NaN }.Validate()).Message, StringComparison.Ordinal);
    }

    /// <summary>Tokens that are sums of two of <paramref name="features"/> random unit directions with positive sizes.</summary>
    private static Tensor SparseData(int tokens, int width, int features, long seed)
    {
        var generator = manual_seed(seed);
        var directions = randn([features, width], generator: generator);
        directions = directions.div(directions.norm(1, keepdim: true));
        var codes = zeros(tokens, features);
        var chosen = randint(features, [tokens, 2], generator: generator);
        var sizes = rand([tokens, 2], generator: generator).add(tensor(0.5f));
        codes.scatter_(1, chosen, sizes);
        return codes.matmul(directions);
    }
}
