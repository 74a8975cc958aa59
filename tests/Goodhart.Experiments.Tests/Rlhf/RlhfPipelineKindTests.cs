using System.Text.Json;
using System.Text.Json.Nodes;
using Goodhart.Core;
using Goodhart.Core.Runs;
using Goodhart.Experiments.Rlhf;
using Goodhart.Reports.Rlhf;
using TorchSharp;

namespace Goodhart.Experiments.Tests.Rlhf;

public sealed class RlhfPipelineKindTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("goodhart-rlhf-kind-").FullName;

    public RlhfPipelineKindTests() => Environment.SetEnvironmentVariable("GOODHART_TORCH_THREADS", "1");

    private (CellResult Result, RunStore Store) Run(RunStore? store, RlhfPipelineConfig config, ulong seed, string cell)
    {
        store ??= RunStore.Open(Path.Combine(_root, "runs.db"));
        var kind = ExperimentCatalog.Get("rlhf-pipeline");
        kind.Validate(config);
        var context = new ExperimentContext(cell, seed, store, Path.Combine(_root, cell), new Progress<CellProgress>(), CancellationToken.None);
        return (kind.Run(context, config), store);
    }

    private static RlhfPipelineConfig Tiny(string json) => JsonSerializer.Deserialize<RlhfPipelineConfig>(json, RecipeJson.Options)!;

    [Fact]
    public void The_kind_is_in_the_catalog_and_its_config_reads_from_recipe_json()
    {
        var kind = ExperimentCatalog.Get("rlhf-pipeline");
        Assert.Equal(typeof(RlhfPipelineConfig), kind.ConfigType);
        var config = Tiny("""{ "size": "tiny", "settings": { "rater": "careful", "train_pairs": 12 }, "proxies": ["rm", "gold"], "ppo_proxies": ["gold"], "dpo": true }""");
        var settings = config.Resolve(7);
        Assert.Equal(7UL, settings.Seed);
        Assert.Equal("careful", settings.Rater);
        Assert.Equal(12, settings.TrainPairs);
        Assert.Equal(RlhfPresets.Tiny.EmbeddingDim, settings.EmbeddingDim);
        Assert.Equal(1, settings.TorchThreads);
        Assert.Equal(2, Tiny("""{ "size": "tiny", "settings": { "torch_threads": 2 } }""").Resolve(1).TorchThreads);
    }

    [Theory]
    [InlineData("""{ "settings": { "train_pairz": 3 } }""", "config.settings.train_pairz")]
    [InlineData("""{ "settings": { "seed": 3 } }""", "config.settings.seed")]
    [InlineData("""{ "settings": { "train_pairs": "many" } }""", "config.settings")]
    [InlineData("""{ "settings": { "train_pairs": 0 } }""", "settings out of range")]
    [InlineData("""{ "settings": { "torch_threads": 0 } }""", "torch_threads must be 1 to 256")]
    [InlineData("""{ "settings": { "torch_threads": 257 } }""", "torch_threads must be 1 to 256")]
    [InlineData("""{ "settings": { "bon_pool": 8 } }""", "bon_pool must be 0 (max n) or 64 (max n) to 4096, not 8")]
    [InlineData("""{ "settings": { "bon_pool": 5000 } }""", "bon_pool must be 0 (max n) or 64 (max n) to 4096, not 5000")]
    [InlineData("""{ "settings": { "bon_estimator": "best" } }""", "bon_estimator must be unbiased or first-n, not best")]
    [InlineData("""{ "size": "huge" }""", "huge")]
    [InlineData("""{ "proxies": ["rm", "nonsense"] }""", "nonsense")]
    public void Bad_configs_are_refused_naming_the_field(string json, string expected)
    {
        var e = Assert.ThrowsAny<UserInputException>(() => ExperimentCatalog.Get("rlhf-pipeline").Validate(Tiny(json)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tiny_cell_runs_every_stage_stores_its_runs_and_returns_its_values_and_a_rerun_resumes_to_the_same_values()
    {
        var config = Tiny("""{ "size": "tiny", "proxies": ["rm", "wco", "gold"], "ppo_proxies": ["gold"], "dpo": true }""");
        torch.set_num_threads(2);

        var (result, store) = Run(null, config, 3, "cell");
        using var _ = store;

        var kinds = result.RunIds.Select(id => store.GetRun(id).Kind).ToArray();
        Assert.Equal([RlhfMetricNames.RewardModelKind, RlhfMetricNames.BestOfNKind, RlhfMetricNames.BestOfNKind, RlhfMetricNames.BestOfNKind, RlhfMetricNames.PpoKind, RlhfMetricNames.DpoKind], kinds);
        foreach (var curve in new[] { "bon/rm", "bon/wco", "bon/gold", "ppo/gold", "dpo/beta-0.1" })
        {
            Assert.True(double.IsFinite(result.Values[RlhfPipelineValues.GoldPeak(curve)]), curve);
            Assert.True(result.Values[RlhfPipelineValues.GoldFall(curve)] >= 0, curve);
            Assert.Equal(result.Values[RlhfPipelineValues.GoldPeak(curve)] - result.Values[RlhfPipelineValues.GoldEnd(curve)], result.Values[RlhfPipelineValues.GoldFall(curve)], 12);
        }
        Assert.True(result.Values[RlhfPipelineValues.GoldFallStandardError("bon/rm")] >= 0);
        // Best-of-n's fall is the Goodhart turn the demo prints: its standard error is paired over prompts.
        var bonRm = store.GetRun(result.RunIds[1]);
        var turn = RlhfCurve.FromRun(bonRm, store.GetMetrics(bonRm.Id))!.Turn()!;
        Assert.Equal(turn.Fall, result.Values[RlhfPipelineValues.GoldFall("bon/rm")], 12);
        Assert.Equal(turn.FallStandardError, result.Values[RlhfPipelineValues.GoldFallStandardError("bon/rm")], 12);
        Assert.InRange(result.Values[RlhfPipelineValues.RmAccuracy], 0, 1);
        // NaN only when no training pair has two different gold scores (possible with the tiny policy).
        var agreement = result.Values[RlhfPipelineValues.LabelGoldAgreement];
        Assert.True(double.IsNaN(agreement) || agreement is >= 0 and <= 1, $"agreement {agreement}");
        // Picking by gold never lowers gold: its curve's best point is its last.
        Assert.Equal(0, result.Values[RlhfPipelineValues.GoldFall("bon/gold")]);
        Assert.All(store.ListRuns(RunFilter.All), r => Assert.Equal(3UL, r.Seed));
        // The torch thread count is pinned by the config (not GOODHART_TORCH_THREADS or the cores) and recorded with every run.
        Assert.Equal(config.Resolve(3).TorchThreads, torch.get_num_threads());
        Assert.All(store.ListRuns(RunFilter.All), r => Assert.Equal(1, JsonNode.Parse(r.ConfigJson)!["settings"]!["torch_threads"]!.GetValue<int>()));

        // A rerun in the same folder reuses the SFT policy and the pairs and comes back with the same values.
        var again = Run(store, config, 3, "cell").Result;
        Assert.Equal(result.Values.Keys.Order(StringComparer.Ordinal), again.Values.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, value) in result.Values)
            Assert.True(value.Equals(again.Values[name]), $"{name}: {value} then {again.Values[name]}");
    }

    [Fact]
    public void The_report_writes_the_gold_overview_the_curves_and_the_reward_models()
    {
        var config = Tiny("""{ "size": "tiny", "proxies": ["rm", "gold"] }""");
        var (result, store) = Run(null, config, 1, "report-cell");
        using var _ = store;
        var kind = ExperimentCatalog.Get("rlhf-pipeline");
        var report = Path.Combine(_root, "report");

        var sections = kind.Report(new ReportContext(report, store, "tiny"), [new CellOutcome("report-cell", new Dictionary<string, string>(), 1, config, result)]);

        Assert.Equal(4, sections.Count);
        Assert.Equal(RlhfTurnSection.Title, sections[0].Title);
        Assert.Contains("bon-rm (typical)", sections[0].Html, StringComparison.Ordinal);
        Assert.Contains("rlhf-gold-typical.png", sections[1].Html, StringComparison.Ordinal);
        foreach (var png in Directory.GetFiles(report, "*.png"))
            Assert.Equal(0x89, File.ReadAllBytes(png)[0]);
        Assert.True(File.Exists(Path.Combine(report, "rlhf-gold-typical.png")));
        Assert.True(File.Exists(Path.Combine(report, RlhfReport.RewardModelsFileName)));

        // With a grid, every cell's curves are plotted under its own heading (the second cell's files named apart).
        var twoCells = Path.Combine(_root, "report-two-cells");
        var grid = kind.Report(new ReportContext(twoCells, store, "tiny"),
        [
            new CellOutcome("a", new Dictionary<string, string> { ["settings.rater"] = "typical" }, 1, config, result),
            new CellOutcome("b", new Dictionary<string, string> { ["settings.rater"] = "careful" }, 1, config, result),
        ]);
        var curves = Assert.Single(grid, s => s.Title.StartsWith("Each curve of each cell", StringComparison.Ordinal));
        Assert.Contains("Cell 2: settings.rater=careful, seed 1", curves.Html, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(twoCells, "rlhf-01-bon-rm-curve.png")));
        Assert.True(File.Exists(Path.Combine(twoCells, "rlhf-cell2-01-bon-rm-behaviour.png")));
    }

    [Fact]
    public void Every_shipped_rlhf_recipe_reads_and_validates_at_full_and_tiny_scale_and_the_demo_recipe_is_what_the_demo_runs()
    {
        var kind = ExperimentCatalog.Get("rlhf-pipeline");
        var files = ShippedRlhfRecipes.Files;
        Assert.Contains(files, f => Path.GetFileName(f) == "rlhf-demo.json");
        Assert.Contains(files, f => Path.GetFileName(f) == "rlhf-headline.json");
        foreach (var file in files)
        {
            var recipe = ShippedRlhfRecipes.Read(file);
            Assert.Equal("rlhf-pipeline", recipe["kind"]!.GetValue<string>());
            foreach (var scale in new[] { null, "tiny" })
            {
                var config = ShippedRlhfRecipes.Config(recipe, scale).Deserialize<RlhfPipelineConfig>(RecipeJson.Options)!;
                kind.Validate(config);
                if (scale == "tiny")
                    Assert.Equal("tiny", config.Size);
            }
        }
        var demo = ShippedRlhfRecipes.Config(ShippedRlhfRecipes.Read(Path.Combine(ShippedRlhfRecipes.Folder, "rlhf-demo.json")), null).Deserialize<RlhfPipelineConfig>(RecipeJson.Options)!;
        Assert.Equal(JsonSerializer.Serialize(RlhfPipelineConfig.Demo, RecipeJson.Options), JsonSerializer.Serialize(demo, RecipeJson.Options));
    }

    [Fact]
    public void Every_shipped_rlhf_recipe_runs_at_tiny_scale()
    {
        using var store = RunStore.Open(Path.Combine(_root, "runs.db"));
        foreach (var file in ShippedRlhfRecipes.Files)
        {
            var config = ShippedRlhfRecipes.Config(ShippedRlhfRecipes.Read(file), "tiny").Deserialize<RlhfPipelineConfig>(RecipeJson.Options)!;
            var result = Run(store, config, 1, Path.GetFileNameWithoutExtension(file)).Result;
            Assert.NotEmpty(result.RunIds);
            Assert.All(config.Proxies, p => Assert.True(result.Values.ContainsKey(RlhfPipelineValues.GoldFall("bon/" + p)), $"{file}: {p}"));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
