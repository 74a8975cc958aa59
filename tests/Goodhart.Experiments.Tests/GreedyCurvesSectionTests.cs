using Goodhart.Core.Runs;
using Goodhart.Experiments.Gridworlds;
using Goodhart.Experiments.Recipes;
using Goodhart.Experiments.Running;

namespace Goodhart.Experiments.Tests;

public class GreedyCurvesSectionTests
{
    // a2c: 16 copies x 5 steps = 80 env steps an update; 800 steps, greedy evaluation every 240 steps (at 240, 480, 720).
    private const string DeepRecipe = """
        { "kind": "gridworld-train", "seeds": [1, 2],
          "config": { "env": "boat_race", "agent": "a2c", "steps": 800, "eval_every_steps": 240, "evaluation_episodes": 1, "oracle": false } }
        """;

    private static RecipeRunResult Run(TempDirectory dir, string text) =>
        RecipeRunner.RunAsync(RecipePlanner.Plan(RecipeLoader.Load(dir.Write("r", text))), new RecipeRunOptions(Path.Combine(dir.Path, "out"), dir.Store, "test"),
            new LocalCellExecutor(1)).GetAwaiter().GetResult();

    [Fact]
    public void A_deep_run_report_plots_the_greedy_curves_beside_the_training_curves()
    {
        using var dir = new TempDirectory();

        var result = Run(dir, DeepRecipe);

        var png = Path.Combine(result.OutputDirectory, GreedyCurvesSection.FileName);
        Assert.True(File.Exists(png));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png).Take(4));
        var html = File.ReadAllText(result.IndexPath);
        Assert.Contains("Greedy evaluation during training", html, StringComparison.Ordinal);
        Assert.Contains($"src=\"{GreedyCurvesSection.FileName}\"", html, StringComparison.Ordinal);
        Assert.Contains("runs per line: greedy: 2", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("Greedy evaluation during training", StringComparison.Ordinal) > html.IndexOf("runs/index.html", StringComparison.Ordinal),
            "the greedy section follows the training curves");
        using var store = RunStore.Open(dir.Store);
        foreach (var id in result.Cells.SelectMany(c => c.Result.RunIds))
            Assert.Equal([240L, 480L, 720L], store.GetMetrics(id, GreedyCurvesSection.ReturnMetric).Select(m => m.Step));
    }

    [Fact]
    public void A_tabular_run_report_has_no_greedy_section()
    {
        using var dir = new TempDirectory();

        var result = Run(dir, """{ "kind": "gridworld-train", "seeds": [1], "config": { "episodes": 30, "evaluation_episodes": 1, "oracle": false } }""");

        Assert.False(File.Exists(Path.Combine(result.OutputDirectory, GreedyCurvesSection.FileName)));
        Assert.DoesNotContain("Greedy evaluation during training", File.ReadAllText(result.IndexPath), StringComparison.Ordinal);
    }
}
