using Goodhart.Experiments.Rlhf;
using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Models;
using Goodhart.Web.ModelServer;
using static TorchSharp.torch;

namespace Goodhart.Web.Tests.ModelServer;

public sealed class ModelFolderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "goodhart-models-" + Guid.NewGuid().ToString("N"));

    public ModelFolderTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public void Scanning_finds_files_checkpoint_folders_and_pipeline_outputs_and_skips_reward_models()
    {
        TinyPolicies.Save(_folder, "flat", TinyPolicies.Random(1));
        Directory.CreateDirectory(Path.Combine(_folder, "sft-run"));
        ModelCheckpoint.Save(TinyPolicies.Random(2), Path.Combine(_folder, "sft-run", "model.safetensors"));
        Directory.CreateDirectory(Path.Combine(_folder, "pipeline", "policy"));
        ModelCheckpoint.Save(TinyPolicies.Random(3), Path.Combine(_folder, "pipeline", "policy", "model.safetensors"));
        using (var head = new ScalarHeadModel(TinyPolicies.Options))
        {
            ModelCheckpoint.Save(head, Path.Combine(_folder, "rm-0.safetensors"));
        }

        Directory.CreateDirectory(Path.Combine(_folder, "empty"));

        var found = ModelFolder.Find(_folder);

        Assert.Equal(["flat", "pipeline", "sft-run"], found.Select(e => e.Id));
        Assert.Equal(Path.Combine(_folder, "pipeline", "policy", "model.safetensors"), found[1].Path);
        using var registry = ModelRegistry.Load(found);
        Assert.Equal(3, registry.Models.Count);
        Assert.Equal(16, registry.Find("flat")!.Policy.Options.EmbeddingDim);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("eight-byte header length of 2^62")]
    [InlineData("not a checkpoint")]
    public void A_damaged_checkpoint_is_refused_naming_the_file_not_skipped(string damage)
    {
        // Skipped, it read as "no policy here": goodhart serve then trained the default models into the folder (over
        // a damaged goodhart-sft.safetensors) and served those instead of the user's model.
        TinyPolicies.Save(_folder, "good", TinyPolicies.Random(1));
        TinyPolicies.Save(_folder, "damaged", TinyPolicies.Random(2));
        var path = Path.Combine(_folder, "damaged.safetensors");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, damage switch
        {
            "truncated" => bytes[..(bytes.Length / 2)],
            "not a checkpoint" => "not a checkpoint"u8.ToArray(),
            _ => [.. BitConverter.GetBytes(1UL << 62), .. bytes[8..]],
        });

        var e = Assert.Throws<InvalidDataException>(() => ModelFolder.Find(_folder));

        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("(a damaged checkpoint in the models folder: repair, move or delete it)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_manifest_names_the_models_and_their_paths()
    {
        TinyPolicies.Save(_folder, "a", TinyPolicies.Random(1));
        Directory.CreateDirectory(Path.Combine(_folder, "run"));
        ModelCheckpoint.Save(TinyPolicies.Random(2), Path.Combine(_folder, "run", "model.safetensors"));
        File.WriteAllText(Path.Combine(_folder, "models.json"), """
            { "models": [
              { "id": "goodhart-ppo-typical", "path": "run", "description": "PPO" },
              { "id": "goodhart-sft", "path": "a.safetensors" }
            ] }
            """);

        var found = ModelFolder.Find(_folder);

        Assert.Equal(["goodhart-ppo-typical", "goodhart-sft"], found.Select(e => e.Id));
        Assert.Equal(Path.Combine(_folder, "run", "model.safetensors"), found[0].Path);
        Assert.Equal("PPO", found[0].Description);
    }

    [Theory]
    [InlineData("""{ "models": [ { "id": "x", "path": "missing.safetensors" } ] }""", "no checkpoint")]
    [InlineData("""{ "models": [ { "id": "x", "path": "a.safetensors" }, { "id": "x", "path": "a.safetensors" } ] }""", "listed twice")]
    [InlineData("""{ "models": [ { "id": "bad id", "path": "a.safetensors" } ] }""", "model id 'bad id'")]
    [InlineData("""{ "models": [ { "id": "x", "path": "rm.safetensors" } ] }""", "does not hold a policy")]
    [InlineData("""{ "models": [ { "id": "x" } ] }""", "malformed manifest")]
    public void A_bad_manifest_is_refused_naming_the_problem(string manifest, string problem)
    {
        TinyPolicies.Save(_folder, "a", TinyPolicies.Random(1));
        using (var head = new ScalarHeadModel(TinyPolicies.Options))
        {
            ModelCheckpoint.Save(head, Path.Combine(_folder, "rm.safetensors"));
        }

        File.WriteAllText(Path.Combine(_folder, "models.json"), manifest);

        var error = Assert.Throws<InvalidDataException>(() => ModelFolder.Find(_folder));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("models.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_has_no_models()
    {
        Assert.Empty(ModelFolder.Find(Path.Combine(_folder, "nowhere")));
    }

    [Fact]
    public void Default_models_are_trained_saved_listed_and_served()
    {
        var options = new DefaultModelOptions
        {
            Config = RlhfPresets.Tiny with { SftExamples = 64, SftSteps = 3, SftBatch = 8, TrainPairs = 16, MaxNewTokens = 12, DpoBatch = 8, EvalPrompts = 8 },
        };
        var stages = new List<(string Stage, int Done)>();

        var entries = DefaultModels.Train(_folder, options, new Collector(p => stages.Add((p.Stage, p.Done))));
        var found = ModelFolder.Find(_folder);

        Assert.Equal(["goodhart-sft", "goodhart-dpo-typical"], entries.Select(e => e.Id));
        Assert.Equal(entries.Select(e => (e.Id, e.Path)), found.Select(e => (e.Id, e.Path)));
        Assert.True(File.Exists(Path.Combine(_folder, "goodhart-sft", "model.safetensors")));
        Assert.False(Directory.Exists(Path.Combine(_folder, DefaultModels.StagingFolder)));
        Assert.Contains("typical rater", found[1].Description, StringComparison.Ordinal);
        Assert.All(found, e => Assert.Contains("Held-out (8 prompts): gold ", e.Description, StringComparison.Ordinal));
        Assert.Contains("KL 0.00,", found[0].Description, StringComparison.Ordinal);
        Assert.Equal([0, 1, 1, 2], stages.Where(s => s.Stage == "eval").Select(s => s.Done));
        Assert.Equal([1, 2, 3], stages.Where(s => s.Stage == "sft").Select(s => s.Done));
        Assert.Contains(stages, s => s.Stage == "pairs");
        Assert.Contains(stages, s => s.Stage == "dpo");
        using var registry = ModelRegistry.Load(found);
        var sft = registry.Find("goodhart-sft")!.Policy.state_dict();
        var dpo = registry.Find("goodhart-dpo-typical")!.Policy.state_dict();
        Assert.Contains(sft.Keys, key => !sft[key].data<float>().ToArray().SequenceEqual(dpo[key].data<float>().ToArray()));
    }

    [Fact]
    public void An_interrupted_training_reuses_its_sft_policy_and_is_not_served_before_it_finishes()
    {
        var staged = Path.Combine(_folder, DefaultModels.StagingFolder, "goodhart-sft");
        Directory.CreateDirectory(staged);
        ModelCheckpoint.Save(TinyPolicies.Random(9), Path.Combine(staged, "model.safetensors"));
        var expected = new ModelManifestEntry { Id = "x", Path = Path.Combine(staged, "model.safetensors") };
        float[] Weights(string path)
        {
            using var model = ModelCheckpoint.LoadLanguageModel(path, CPU);
            return model.state_dict()["transformer.wte.weight"].data<float>().ToArray();
        }

        var before = Weights(expected.Path);
        Assert.Empty(ModelFolder.Find(_folder));

        var entries = DefaultModels.Train(_folder, new DefaultModelOptions { Config = RlhfPresets.Tiny with { SftSteps = 1000 }, TrainDpo = false, Evaluate = false });

        Assert.Equal(["goodhart-sft"], entries.Select(e => e.Id));
        Assert.Equal(before, Weights(entries[0].Path));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class Collector(Action<DefaultModelProgress> report) : IProgress<DefaultModelProgress>
    {
        public void Report(DefaultModelProgress value) => report(value);
    }
}
