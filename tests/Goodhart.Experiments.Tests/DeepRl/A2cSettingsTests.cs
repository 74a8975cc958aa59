using System.Text.Json;
using Goodhart.Core;
using Goodhart.Experiments.DeepReproduction;
using Goodhart.Experiments.Recipes;
using Goodhart.Experiments.Running;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Experiments.Tests.DeepRl;

/// <summary>
/// <c>gridworld-deep-reproduction</c>'s <c>a2c</c> settings (the <c>a2c-tuning</c> scale): only the fields given replace
/// A2C's defaults, they reach the agent, a grid may sweep them without an <c>a2c</c> object in the config, other
/// agents refuse them, and the cells planned before they existed keep their ids (left out of the canonical
/// configuration when null).
/// </summary>
public class A2cSettingsTests
{
    [Fact]
    public void Apply_replaces_only_the_fields_given_and_the_label_names_them()
    {
        var defaults = new A2cOptions();
        Assert.Equal(defaults, new A2cSettings().Apply(defaults));
        Assert.Equal("a2c", new A2cSettings().Label);

        var settings = new A2cSettings { RolloutSteps = 20, LearningRate = 2.5e-4, AnnealLearningRate = true };
        var options = settings.Apply(defaults);
        Assert.Equal(20, options.RolloutSteps);
        Assert.Equal(2.5e-4, options.Optimiser.LearningRate);
        Assert.True(options.AnnealLearningRate);
        Assert.Equal(defaults.Envs, options.Envs);
        Assert.Equal(defaults.EntropyCoefficient, options.EntropyCoefficient);
        Assert.Equal(defaults.Optimiser.MaxGradNorm, options.Optimiser.MaxGradNorm);
        Assert.Equal("a2c[rollout_steps=20, learning_rate=0.00025, anneal_learning_rate=true]", settings.Label);
    }

    [Fact]
    public void The_paper_cells_keep_their_ids_and_the_tuning_scale_sweeps_a2c_fields_without_an_a2c_object()
    {
        var recipe = RecipeLoader.Load("gridworld-deep-reproduction");
        // The tiny scale's cell ids from before the a2c settings existed (session 12's code): unchanged.
        Assert.Equal(["51ba1cb5ba23", "c5fa35ecdffd", "16bca7145ea8"], RecipePlanner.Plan(recipe, "tiny").Cells.Select(c => c.Id));
        Assert.All(RecipePlanner.Plan(recipe).Cells, c => Assert.DoesNotContain("\"a2c\":", c.ConfigJson, StringComparison.Ordinal));

        var tuning = RecipePlanner.Plan(recipe, "a2c-tuning").Cells;
        Assert.Equal(4 * 8 * 3, tuning.Count);
        Assert.All(tuning, c => Assert.NotNull(((DeepReproductionConfig)c.Config).A2c?.RolloutSteps));
        Assert.Equal(8, tuning.Select(c => ((DeepReproductionConfig)c.Config).AgentLabel).Distinct().Count());
    }

    [Fact]
    public async Task Settings_reach_the_agent_equal_to_the_defaults_when_they_are_the_defaults_and_other_agents_refuse_them()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("r", """
            { "kind": "gridworld-deep-reproduction", "seeds": [0],
              "config": { "env": "boat_race", "agent": "a2c", "steps": 3200, "hidden": 16, "evaluation_episodes": 2, "curve_points": 2, "eval_every_steps": 0 },
              "grid": { "a2c.rollout_steps": [5, 20] } }
            """);
        var plain = dir.Write("plain", """
            { "kind": "gridworld-deep-reproduction", "seeds": [0],
              "config": { "env": "boat_race", "agent": "a2c", "steps": 3200, "hidden": 16, "evaluation_episodes": 2, "curve_points": 2, "eval_every_steps": 0 } }
            """);
        var swept = await RecipeRunner.RunAsync(RecipePlanner.Plan(RecipeLoader.Load(file)), new RecipeRunOptions(Path.Combine(dir.Path, "out"), dir.Store, "test"), new LocalCellExecutor(1));
        var defaults = await RecipeRunner.RunAsync(RecipePlanner.Plan(RecipeLoader.Load(plain)), new RecipeRunOptions(Path.Combine(dir.Path, "plain"), dir.Store, "test"), new LocalCellExecutor(1));

        IReadOnlyDictionary<string, double> Values(string rollout) => swept.Cells.Single(c => c.GridPoint["a2c.rollout_steps"] == rollout).Result.Values;
        var baseline = Assert.Single(defaults.Cells).Result.Values;
        Assert.Equal(baseline, Values("5"));
        Assert.NotEqual(baseline, Values("20"));
        Assert.Contains("a2c[rollout_steps=20]", File.ReadAllText(Path.Combine(dir.Path, "out", DeepReproductionReport.FileName)), StringComparison.Ordinal);
        using (var store = Core.Runs.RunStore.Open(dir.Store))
        {
            var run = swept.Cells.Single(c => c.GridPoint["a2c.rollout_steps"] == "20").Result.RunIds.Single();
            Assert.Equal(20, JsonDocument.Parse(store.GetRun(run).ConfigJson).RootElement.GetProperty("a2c").GetProperty("rollout_steps").GetInt32());
        }

        var rainbow = dir.Write("rainbow", """{ "kind": "gridworld-deep-reproduction", "seeds": [0], "config": { "agent": "rainbow", "steps": 160, "a2c": { "rollout_steps": 20 } } }""");
        var e = Assert.Throws<UserInputException>(() => RecipePlanner.Plan(RecipeLoader.Load(rainbow)));
        Assert.Contains("A2C's settings are for a2c cells only; this cell's agent is rainbow", e.Message, StringComparison.Ordinal);
        var bad = dir.Write("bad", """{ "kind": "gridworld-deep-reproduction", "seeds": [0], "config": { "agent": "a2c", "steps": 160, "a2c": { "rollout_steps": 0 } } }""");
        Assert.Contains("rollout_steps", Assert.Throws<UserInputException>(() => RecipePlanner.Plan(RecipeLoader.Load(bad))).Message, StringComparison.Ordinal);
    }
}
