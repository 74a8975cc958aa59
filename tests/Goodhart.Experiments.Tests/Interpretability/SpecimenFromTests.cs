using Goodhart.Core;
using Goodhart.Experiments.Interpretability;
using Goodhart.Experiments.Recipes;
using Goodhart.Experiments.Rlhf;
using Goodhart.Experiments.Running;
using TorchSharp;

namespace Goodhart.Experiments.Tests.Interpretability;

public sealed class SpecimenFromTests
{
    public SpecimenFromTests() => Environment.SetEnvironmentVariable("GOODHART_TORCH_THREADS", "1");

    [Fact]
    public void The_shipped_sycophant_scales_of_probes_steering_and_sae_features_name_the_same_specimen()
    {
        // interp-steering's and interp-sae-features' sycophant scales read the policies interp-probes' sycophant scale
        // trained: the settings (config.json of the probes cell) must be the same, seed for seed, or SpecimenFolder
        // finds nothing.
        var probes = RecipePlanner.Plan(RecipeLoader.Load("interp-probes"), "sycophant");
        var steering = RecipePlanner.Plan(RecipeLoader.Load("interp-steering"), "sycophant");
        var features = RecipePlanner.Plan(RecipeLoader.Load("interp-sae-features"), "sycophant");

        Assert.Equal(probes.Seeds, steering.Seeds);
        Assert.Equal(probes.Seeds, features.Seeds);
        foreach (var cell in steering.Cells.Concat(features.Cells))
        {
            var (resolved, from) = cell.Config switch
            {
                SteeringConfig c => (c.Resolve(cell.Seed), c.SpecimenFrom),
                SaeFeaturesConfig c => (c.Resolve(cell.Seed), c.SpecimenFrom),
                _ => throw new InvalidOperationException(cell.Config.GetType().Name),
            };
            var probe = (InterpProbesConfig)Assert.Single(probes.Cells, c => c.Seed == cell.Seed).Config;
            Assert.Equal(probe.Specimen(cell.Seed).ToJson(), resolved.ToJson());
            Assert.Equal(2400, resolved.SftSteps);
            Assert.Equal("goodhart-runs/experiments/interp-probes-sycophant", from);
        }
    }

    [Fact]
    public async Task Steering_and_sae_features_read_the_probes_cell_policies_instead_of_training_and_refuse_another_seed()
    {
        using var dir = new TempDirectory();
        var probesOut = Path.Combine(dir.Path, "probes");
        await RecipeRunner.RunAsync(
            RecipePlanner.Plan(RecipeLoader.Load("interp-probes"), "tiny"),
            new RecipeRunOptions(probesOut, dir.Store, "goodhart run interp-probes --scale tiny"), new LocalCellExecutor(1));
        // The probes recipe's tiny scale: size tiny, settings { rater: hurried, dpo_epochs: 2 } (its base config), beta 0.1.
        var recipe = dir.Write("steer", $$"""
            { "kind": "interp-steering", "seeds": [1],
              "config": { "size": "tiny", "settings": { "dpo_epochs": 2 }, "rater": "hurried", "beta": 0.1, "specimen_from": {{System.Text.Json.JsonSerializer.Serialize(probesOut)}},
                          "strengths": [0, 4], "contrast_pairs": 8, "eval_prompts": 8, "sae_features": 8, "sae_k": 2, "sae_steps": 5, "sae_texts": 8 } }
            """);
        var steerOut = Path.Combine(dir.Path, "steer");
        // No stage runs in a cell that reads the specimen, so the cell pins torch's threads itself (torch_threads, 1).
        torch.set_num_threads(2);

        var result = await RecipeRunner.RunAsync(
            RecipePlanner.Plan(RecipeLoader.Load(recipe)), new RecipeRunOptions(steerOut, dir.Store, "goodhart run steer.json"), new LocalCellExecutor(1));

        var values = Assert.Single(result.Cells).Result.Values;
        Assert.Equal(1, torch.get_num_threads());
        Assert.InRange(values[SteeringValues.Of("caa", 0, "sycophancy_rate")], 0, 1);
        var featureRates = new Dictionary<bool, double>();
        // Nothing was trained in the steering cell: no SFT or DPO checkpoint folder in its work folder.
        var work = Assert.Single(Directory.GetDirectories(Path.Combine(steerOut, "work")));
        Assert.False(Directory.Exists(Path.Combine(work, "sft")));
        Assert.False(Directory.Exists(Path.Combine(work, "dpo")));

        // interp-sae-features reads the same cell's DPO policy (or, with dpo false, its SFT policy) through the same code.
        foreach (var dpo in new[] { true, false })
        {
            var featuresRecipe = dir.Write($"features-{dpo}", $$"""
                { "kind": "interp-sae-features", "seeds": [1],
                  "config": { "size": "tiny", "settings": { "dpo_epochs": 2 }, "rater": "hurried", "beta": 0.1, "dpo": {{(dpo ? "true" : "false")}},
                              "specimen_from": {{System.Text.Json.JsonSerializer.Serialize(probesOut)}},
                              "sae_features": 8, "sae_k": 2, "sae_steps": 5, "sae_texts": 8, "held_out_texts": 8, "eval_prompts": 4, "dashboard_features": 1 } }
                """);
            var featuresOut = Path.Combine(dir.Path, $"features-{dpo}");
            var features = await RecipeRunner.RunAsync(
                RecipePlanner.Plan(RecipeLoader.Load(featuresRecipe)), new RecipeRunOptions(featuresOut, dir.Store, "goodhart run features.json"), new LocalCellExecutor(1));
            var featureValues = Assert.Single(features.Cells).Result.Values;
            Assert.InRange(featureValues[SaeFeaturesValues.Policy("sycophancy_rate")], 0, 1);
            var featureWork = Assert.Single(Directory.GetDirectories(Path.Combine(featuresOut, "work")));
            Assert.False(Directory.Exists(Path.Combine(featureWork, "sft")));
            Assert.False(Directory.Exists(Path.Combine(featureWork, "dpo")));
            // The two runs read different policies (the cell's DPO one, then its SFT one): the same texts give the same
            // SAE training a different fit.
            featureRates[dpo] = featureValues[SaeFeaturesValues.ExplainedVariance];
        }

        Assert.NotEqual(featureRates[true], featureRates[false]);

        var config = (SteeringConfig)result.Cells[0].Config;
        var other = Assert.Throws<UserInputException>(() => SpecimenFolder.Find(probesOut, config.Resolve(2)));
        Assert.StartsWith("config.specimen_from: no cell", other.Message, StringComparison.Ordinal);
        var absent = Assert.Throws<UserInputException>(() => SpecimenFolder.Find(Path.Combine(dir.Path, "nowhere"), config.Resolve(1)));
        Assert.StartsWith("config.specimen_from:", absent.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("small")]
    [InlineData("tiny")]
    public void Without_overrides_sae_features_resolve_the_preset_as_before(string size)
    {
        // The kind used to read RlhfPresets.Get(size) with the seed, rater and beta; Resolve (through the settings
        // overrides) must give the same settings, so the documented medium-scale figures still describe this code.
        var config = new SaeFeaturesConfig { Size = size, Rater = "hurried", Beta = 0.3 };

        var expected = RlhfPresets.Get(size) with { Seed = 7, Rater = "hurried", Betas = [0.3] };

        Assert.Equal(expected.ToJson(), config.Resolve(7).ToJson());
    }

    [Theory]
    [InlineData("""{ "settings": { "rater": "careful" } }""", "config.settings.rater")]
    [InlineData("""{ "settings": { "betas": [0.5] } }""", "config.settings.betas")]
    [InlineData("""{ "specimen_from": " " }""", "config.specimen_from")]
    [InlineData("""{ "settings": { "no_such_setting": 1 } }""", "config.settings.no_such_setting")]
    public void Bad_specimen_settings_are_refused_naming_the_field(string json, string field)
    {
        var steering = System.Text.Json.JsonSerializer.Deserialize<SteeringConfig>(json, RecipeJson.Options)!;
        var features = System.Text.Json.JsonSerializer.Deserialize<SaeFeaturesConfig>(json, RecipeJson.Options)!;

        var e = Assert.Throws<UserInputException>(steering.Validate);
        var f = Assert.Throws<UserInputException>(features.Validate);

        Assert.StartsWith(field, e.Message, StringComparison.Ordinal);
        Assert.StartsWith(field, f.Message, StringComparison.Ordinal);
    }
}
