using Goodhart.Core;
using Goodhart.Experiments.DeepReproduction;
using Goodhart.Experiments.Recipes;
using Goodhart.Experiments.Running;
using Goodhart.Learning.DeepRl.Dqn;

namespace Goodhart.Experiments.Tests.DeepRl;

/// <summary>
/// <c>gridworld-deep-reproduction</c>'s <c>rainbow</c> settings (the <c>rainbow-tuning</c> scale): only the fields given
/// replace <see cref="DqnOptions.Rainbow"/>'s, they reach the agent, other agents refuse them and a bad value is the
/// user's error naming the key.
/// </summary>
public class RainbowSettingsTests
{
    [Fact]
    public void Apply_replaces_only_the_fields_given_and_the_label_names_them()
    {
        var preset = DqnOptions.Rainbow;
        Assert.Equal(preset, new RainbowSettings().Apply(preset));
        Assert.Equal("rainbow", new RainbowSettings().Label);

        var settings = new RainbowSettings { EpsilonStart = 1, NSteps = 10 };
        var options = settings.Apply(preset);
        Assert.Equal(1, options.EpsilonStart);
        Assert.Equal(10, options.NSteps);
        Assert.Equal(preset.EpsilonEnd, options.EpsilonEnd);
        Assert.Equal(preset.Noisy, options.Noisy);
        Assert.Equal(preset.LearningRate, options.LearningRate);
        Assert.Equal("rainbow[epsilon_start=1, n_steps=10]", settings.Label);
    }

    [Fact]
    public async Task Settings_reach_the_agent_equal_to_the_preset_when_they_are_the_preset_and_other_agents_refuse_them()
    {
        using var dir = new TempDirectory();
        const string Config = """ "env": "boat_race", "agent": "rainbow", "steps": 600, "hidden": 16, "evaluation_episodes": 2, "curve_points": 2, "eval_every_steps": 0 """;
        var swept = await RunAsync(dir, "swept", $$"""{ "kind": "gridworld-deep-reproduction", "seeds": [0], "config": { {{Config}} }, "grid": { "rainbow.epsilon_start": [0, 1] } }""");
        var preset = await RunAsync(dir, "preset", $$"""{ "kind": "gridworld-deep-reproduction", "seeds": [0], "config": { {{Config}} } }""");

        IReadOnlyDictionary<string, double> Values(string epsilon) => swept.Cells.Single(c => c.GridPoint["rainbow.epsilon_start"] == epsilon).Result.Values;
        var baseline = Assert.Single(preset.Cells).Result.Values;
        Assert.Equal(baseline, Values("0"));
        Assert.NotEqual(baseline, Values("1")); // epsilon-greedy from the first step: other actions, other episodes
        Assert.Contains("rainbow[epsilon_start=1]", File.ReadAllText(Path.Combine(dir.Path, "swept", DeepReproductionReport.FileName)), StringComparison.Ordinal);

        var a2c = dir.Write("a2c", """{ "kind": "gridworld-deep-reproduction", "seeds": [0], "config": { "agent": "a2c", "steps": 160, "rainbow": { "n_steps": 10 } } }""");
        Assert.Contains("Rainbow's settings are for rainbow cells only; this cell's agent is a2c",
            Assert.Throws<UserInputException>(() => RecipePlanner.Plan(RecipeLoader.Load(a2c))).Message, StringComparison.Ordinal);
        var bad = dir.Write("bad", """{ "kind": "gridworld-deep-reproduction", "seeds": [0], "config": { "agent": "rainbow", "steps": 160, "rainbow": { "n_steps": 0 } } }""");
        Assert.EndsWith("field config.rainbow: rainbow n_steps must be in [1, 100], got 0", Assert.Throws<UserInputException>(() => RecipePlanner.Plan(RecipeLoader.Load(bad))).Message, StringComparison.Ordinal);
    }

    private static Task<RecipeRunResult> RunAsync(TempDirectory dir, string name, string recipe) =>
        RecipeRunner.RunAsync(RecipePlanner.Plan(RecipeLoader.Load(dir.Write(name, recipe))), new RecipeRunOptions(Path.Combine(dir.Path, name), dir.Store, "test"), new LocalCellExecutor(1));
}
