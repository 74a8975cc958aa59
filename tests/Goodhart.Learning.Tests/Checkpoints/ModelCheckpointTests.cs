using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Models;
using Goodhart.Learning.Training;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Checkpoints;

public class ModelCheckpointTests
{
    [Fact]
    public void A_saved_policy_reproduces_its_outputs_exactly()
    {
        using var temp = new TemporaryFolder();
        var path = temp.File("policy.safetensors");
        var options = Tiny.Options with { TieEmbeddings = false, Layers = 1 };
        using var model = Tiny.Model(seed: 4, options);
        using (var trainer = new SupervisedTrainer(model, new SupervisedOptions { Steps = 3, BatchSize = 3 }))
        {
            trainer.Train(Tiny.Arithmetic); // weights away from their initial values
        }

        ModelCheckpoint.Save(model, path);
        using var loaded = ModelCheckpoint.LoadLanguageModel(path, CPU);
        using var scope = NewDisposeScope();
        var tokens = tensor(new long[] { 1, 20, 21, 22, 1, 30, 31, 32 }, [2, 4]);
        model.eval();
        loaded.eval();

        Assert.Equal(options, loaded.Options);
        Assert.Equal(Tiny.Values(model.forward(tokens)), Tiny.Values(loaded.forward(tokens)));
        Assert.Equal("causal_lm", SafeTensors.LoadMetadata(path)[ModelCheckpoint.KindKey]);
    }

    [Fact]
    public void A_saved_scalar_head_reproduces_its_outputs_exactly()
    {
        using var temp = new TemporaryFolder();
        var path = temp.File("rm.safetensors");
        using var model = ScalarHeadModel.Create(Tiny.Options, seed: 6, CPU);

        ModelCheckpoint.Save(model, path);
        using var loaded = ModelCheckpoint.LoadScalarHead(path, CPU);
        using var scope = NewDisposeScope();
        var tokens = tensor(new long[] { 1, 20, 21, 22 }, [1, 4]);

        Assert.Equal(Tiny.Values(model.forward(tokens)), Tiny.Values(loaded.forward(tokens)));
    }

    [Fact]
    public void Loading_the_wrong_kind_or_shape_fails_clearly()
    {
        using var temp = new TemporaryFolder();
        var folder = temp.Path;
        using var policy = Tiny.Model();
        ModelCheckpoint.Save(policy, Path.Combine(folder, "policy.safetensors"));

        var kind = Assert.Throws<CheckpointFormatException>(() => ModelCheckpoint.LoadScalarHead(Path.Combine(folder, "policy.safetensors")));
        Assert.Contains("not a 'scalar_head'", kind.Message);

        using var bigger = Tiny.Model(options: Tiny.Options with { EmbeddingDim = 64 });
        var mismatch = Assert.Throws<CheckpointFormatException>(() =>
            ModelCheckpoint.LoadState(bigger, policy.state_dict(), "policy"));
        Assert.Contains("shape", mismatch.Message);
    }

    [Fact]
    public void Loading_a_checkpoint_leaves_torchs_global_generator_where_it_was()
    {
        using var temp = new TemporaryFolder();
        var path = temp.File("policy.safetensors");
        using var model = Tiny.Model();
        ModelCheckpoint.Save(model, path);
        using var scope = NewDisposeScope();

        manual_seed(123);
        var expected = Tiny.Values(rand(5));
        manual_seed(123);
        using var loaded = ModelCheckpoint.LoadLanguageModel(path, CPU);
        var actual = Tiny.Values(rand(5));

        Assert.Equal(expected, actual);
    }
}
