using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Interpretability;
using Goodhart.Learning.Text;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Interpretability;

public class ActivationCacheTests
{
    [Fact]
    public void A_cache_round_trips_through_safetensors_with_its_prompts_and_labels()
    {
        using var folder = new TemporaryFolder();
        using var model = Tiny.Model();
        using var scope = NewDisposeScope();
        string[] prompts = ["2+2=", "3+5="];
        var tokens = stack(prompts.Select(p => tensor(CharTokenizer.Encode(p).Select(t => (long)t).ToArray())).ToArray());
        var path = Path.Combine(folder.Path, "cache.safetensors");

        var (_, cache) = model.RunWithCache(tokens);
        using (cache)
        {
            cache.WithPrompts(prompts).WithLabel("belief_wrong", [1.0, 0.0]).Save(path);
            using var loaded = ActivationCache.Load(path);

            Assert.Equal(prompts, loaded.Prompts);
            Assert.Equal([1.0, 0.0], loaded.Labels["belief_wrong"]);
            Assert.Equal(cache.Points.Order(StringComparer.Ordinal), loaded.Points.Order(StringComparer.Ordinal));
            foreach (var point in cache.Points)
            {
                Assert.True(Tiny.Same(cache[point], loaded[point]), point);
            }
        }
    }

    [Fact]
    public void A_safetensors_file_that_is_not_a_cache_is_refused_naming_the_field()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "weights.safetensors");
        using (var weights = zeros(2))
        {
            SafeTensors.Save(path, [new("w", weights)]);
        }

        var error = Assert.Throws<CheckpointFormatException>(() => ActivationCache.Load(path));

        Assert.Equal(ActivationCache.FormatKey, error.Field);
    }
}
