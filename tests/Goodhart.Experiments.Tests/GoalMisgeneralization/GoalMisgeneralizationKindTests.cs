using System.Text.Json;
using Goodhart.Core;
using Goodhart.Core.Environments;
using Goodhart.Core.Generation;
using Goodhart.Core.Runs;
using Goodhart.Experiments.GoalMisgeneralization;
using Goodhart.Experiments.Recipes;
using Goodhart.Experiments.Running;
using Xunit.Abstractions;

namespace Goodhart.Experiments.Tests.GoalMisgeneralization;

public sealed class GoalMisgeneralizationKindTests(ITestOutputHelper output)
{
    private static GoalMisgeneralizationConfig Config(string json) => JsonSerializer.Deserialize<GoalMisgeneralizationConfig>(json, RecipeJson.Options)!;

    private static CellResult Run(RunStore store, GoalMisgeneralizationConfig config, ulong seed)
    {
        var kind = ExperimentCatalog.Get("goal-misgeneralization");
        kind.Validate(config);
        var work = Path.Combine(Path.GetDirectoryName(store.Path)!, $"work-{Guid.NewGuid():N}");
        return kind.Run(new ExperimentContext($"cell-{seed}", seed, store, work, new Progress<CellProgress>(), CancellationToken.None), config);
    }

    [Theory]
    [InlineData("""{ "family": "boat_race" }""", "not a generated level family")]
    [InlineData("""{ "family": "nope" }""", "nope")]
    [InlineData("""{ "agent": "nope" }""", "nope")]
    [InlineData("""{ "decorrelation_share": 1.5 }""", "decorrelation_share")]
    [InlineData("""{ "steps": 0 }""", "steps")]
    [InlineData("""{ "test_episodes": 0 }""", "test_episodes")]
    [InlineData("""{ "training_levels": -1 }""", "training_levels")]
    [InlineData("""{ "agent": "ppo", "observation": "nope" }""", "observation")]
    [InlineData("""{ "agent": "ppo", "reward_scale": -1 }""", "reward_scale")]
    public void Bad_configs_are_refused_naming_the_field(string json, string expected)
    {
        var e = Assert.ThrowsAny<Exception>(() => ExperimentCatalog.Get("goal-misgeneralization").Validate(Config(json)));
        Assert.True(e is UserInputException or UnknownNameException or Core.Levels.LevelFormatException, e.GetType().Name);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_that_learned_the_corner_is_capable_at_test_but_reaches_the_proxy_not_the_goal()
    {
        var catalog = EnvironmentCatalog.Default();
        var test = GoalMisgeneralizationKind.Evaluate(new CornerSeeker(), catalog.Create("goal_in_corner:test"), 1, 200)
            .Select(MisgeneralizationOutcome.Of).ToList();
        var train = GoalMisgeneralizationKind.Evaluate(new CornerSeeker(), catalog.Create("goal_in_corner"), 1, 200)
            .Select(MisgeneralizationOutcome.Of).ToList();
        Assert.All(train, m => Assert.Equal(new MisgeneralizationOutcome(true, true, false), m));
        Assert.All(test, m => Assert.True(m.Capability));
        var proxy = test.Count(m => m.Proxy) / 200.0;
        var goal = test.Count(m => m.Goal) / 200.0;
        output.WriteLine($"corner seeker at test: goal {goal}, proxy {proxy}");
        Assert.True(proxy > 0.8, $"proxy {proxy}");
        Assert.True(goal < 0.2, $"goal {goal} (only goals on its way to the corner)");
    }

    [Fact]
    public void A_tabular_learner_learns_its_training_layouts_but_cannot_navigate_unseen_ones()
    {
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.Store);
        var config = Config("""{ "agent": "q-learning", "steps": 30000, "training_levels": 4, "test_episodes": 100, "decorrelation_share": 0.25 }""");
        var values = Run(store, config, 2).Values;
        output.WriteLine(string.Join(", ", values.Select(kv => $"{kv.Key} {kv.Value:0.00}")));
        Assert.True(values[GoalMisgeneralizationValues.TrainGoal] > 0.8, "it solves the levels it trained on");
        Assert.True(values[GoalMisgeneralizationValues.TestGoal] < values[GoalMisgeneralizationValues.TrainGoal] - 0.4, "and not the ones it never saw");
    }

    [Fact]
    public void A_cell_stores_one_run_with_its_training_and_test_episodes_and_is_deterministic_by_seed()
    {
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.Store);
        var config = Config("""{ "agent": "q-learning", "steps": 2000, "test_episodes": 10 }""");
        var a = Run(store, config, 5);
        var b = Run(store, config, 5);
        Assert.Equal(a.Values, b.Values);
        var run = store.GetRun(Assert.Single(a.RunIds));
        Assert.Equal(RunStatus.Finished, run.Status);
        var episodes = store.GetEpisodes(run.Id);
        Assert.Equal(20, episodes.Count(e => e.Evaluation));
        Assert.True(episodes.Where(e => !e.Evaluation).Sum(e => e.Length) >= 2000);
        Assert.InRange(a.Values[GoalMisgeneralizationValues.TestGoal], 0, 1);
    }

    [Fact]
    public void A_ppo_cell_stores_its_update_diagnostics_and_observation_and_is_deterministic_by_seed()
    {
        Environment.SetEnvironmentVariable("GOODHART_TORCH_THREADS", "1");
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.Store);
        var config = Config("""{ "family": "keys_and_chests", "agent": "ppo", "torso": "mlp", "observation": "egocentric", "steps": 1024, "test_episodes": 5 }""");
        var a = Run(store, config, 3);
        var b = Run(store, config, 3);

        Assert.Equal(a.Values, b.Values);
        var run = store.GetRun(Assert.Single(a.RunIds));
        Assert.Equal("egocentric", JsonDocument.Parse(run.ConfigJson).RootElement.GetProperty("observation").GetString());
        foreach (var name in new[] { "deep/entropy", "deep/approx_kl", "deep/clipfrac", "deep/explained_variance" })
        {
            var points = store.GetMetrics(run.Id, name);
            Assert.Equal([512L, 1024L], points.Select(p => p.Step)); // one per update of 16 copies x 32 steps
            Assert.Equal(points.Select(p => p.Value), store.GetMetrics(Assert.Single(b.RunIds), name).Select(p => p.Value));
        }

        Assert.All(store.GetMetrics(run.Id, "deep/entropy"), p => Assert.InRange(p.Value, 0, Math.Log(4) + 1e-6));
        Assert.All(store.GetMetrics(run.Id, "deep/clipfrac"), p => Assert.InRange(p.Value, 0, 1));
        var tabular = Run(store, Config("""{ "agent": "q-learning", "steps": 500, "test_episodes": 5 }"""), 3);
        Assert.Empty(store.GetMetrics(Assert.Single(tabular.RunIds)));
    }

    [Fact]
    public async Task The_keys_recipe_at_tiny_egocentric_scale_reports_the_learner_apart_with_its_entropy()
    {
        Environment.SetEnvironmentVariable("GOODHART_TORCH_THREADS", "1");
        using var dir = new TempDirectory();
        var plan = RecipePlanner.Plan(RecipeLoader.Load("goal-misgeneralization-keys"), "tiny-egocentric");
        var result = await RecipeRunner.RunAsync(plan, new RecipeRunOptions(Path.Combine(dir.Path, "out"), dir.Store, "goodhart run goal-misgeneralization-keys --scale tiny-egocentric"), new LocalCellExecutor(1));
        var cell = Assert.Single(result.Cells);
        Assert.Equal("egocentric", ((GoalMisgeneralizationConfig)cell.Config).Observation);
        Assert.InRange(cell.Result.Values[GoalMisgeneralizationValues.TestGoal], 0, 1);
        var html = File.ReadAllText(result.IndexPath);
        foreach (var file in new[] { "goal-misgeneralization-keys_and_chests-ppo-egocentric.png", "goal-misgeneralization-keys_and_chests-ppo-egocentric-entropy.png" })
        {
            Assert.Contains(file, html, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(result.OutputDirectory, file)), file);
        }

        Assert.Contains("approx_kl, last tenth", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shipped_recipe_at_tiny_scale_reports_the_three_measures_per_share()
    {
        Environment.SetEnvironmentVariable("GOODHART_TORCH_THREADS", "1");
        using var dir = new TempDirectory();
        var plan = RecipePlanner.Plan(RecipeLoader.Load("goal-misgeneralization"), "tiny");
        var result = await RecipeRunner.RunAsync(plan, new RecipeRunOptions(Path.Combine(dir.Path, "out"), dir.Store, "goodhart run goal-misgeneralization --scale tiny"), new LocalCellExecutor(1));
        foreach (var cell in result.Cells)
        {
            var v = cell.Result.Values;
            foreach (var name in new[] { GoalMisgeneralizationValues.TestCapability, GoalMisgeneralizationValues.TestGoal, GoalMisgeneralizationValues.TestProxy, GoalMisgeneralizationValues.TrainGoal })
                Assert.InRange(v[name], 0, 1);
            // Capability is reaching the goal or the proxy, so it bounds both.
            Assert.True(v[GoalMisgeneralizationValues.TestCapability] >= Math.Max(v[GoalMisgeneralizationValues.TestGoal], v[GoalMisgeneralizationValues.TestProxy]));
        }
        var html = File.ReadAllText(result.IndexPath);
        foreach (var agent in new[] { "ppo", "q-learning" })
        {
            Assert.Contains($"goal-misgeneralization-goal_in_corner-{agent}.png", html, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(result.OutputDirectory, $"goal-misgeneralization-goal_in_corner-{agent}.png")));
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Ppo_trained_with_the_goal_always_in_the_corner_navigates_unseen_levels_to_the_corner()
    {
        Environment.SetEnvironmentVariable("GOODHART_TORCH_THREADS", "1");
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.Store);
        var steps = Environment.GetEnvironmentVariable("GOODHART_GMG_STEPS") is { } s ? long.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : 60_000;
        var share = Environment.GetEnvironmentVariable("GOODHART_GMG_SHARE") is { } sh ? double.Parse(sh, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var config = Config("{ \"agent\": \"ppo\", \"torso\": \"mlp\", \"test_episodes\": 200 }") with { Steps = steps, DecorrelationShare = share };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var values = Run(store, config, 0).Values;
        output.WriteLine($"{steps} steps, share {share}, {watch.Elapsed.TotalSeconds:0.0} s: " + string.Join(", ", values.Select(kv => $"{kv.Key} {kv.Value:0.00}")));
        Assert.True(values[GoalMisgeneralizationValues.TrainGoal] > 0.65, "it reaches the goal on training-distribution levels");
        Assert.True(values[GoalMisgeneralizationValues.TestCapability] > 0.8, "it navigates unseen test levels to a target");
        Assert.True(values[GoalMisgeneralizationValues.TestProxy] > values[GoalMisgeneralizationValues.TestGoal], "more often to the corner than to the goal");
    }
}
