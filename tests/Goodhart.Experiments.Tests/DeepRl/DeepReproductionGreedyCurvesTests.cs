using System.Text.Json;
using Goodhart.Core.Runs;
using Goodhart.Experiments.DeepReproduction;
using Goodhart.Experiments.DeepRl;
using Goodhart.Experiments.Recipes;
using Goodhart.Experiments.Running;

namespace Goodhart.Experiments.Tests.DeepRl;

/// <summary>The <c>gridworld-deep-reproduction</c> report draws the greedy policy against env steps, per env and agent.</summary>
public class DeepReproductionGreedyCurvesTests
{
    // a2c: 16 copies x 5 steps an update; dqn: 4 copies a batched step. 800 steps, greedy evaluation every 240: at 240, 480, 720.
    private const string Recipe = """
        { "kind": "gridworld-deep-reproduction", "seeds": [0, 1],
          "config": { "env": "boat_race", "steps": 800, "hidden": 16, "evaluation_episodes": 1, "curve_points": 4,
                      "eval_every_steps": 240, "periodic_evaluation_episodes": 2 },
          "grid": { "agent": ["a2c", "dqn"] } }
        """;

    [Fact]
    public async Task The_report_plots_each_agents_greedy_return_and_performance_over_seeds_and_the_runs_record_the_interval()
    {
        using var dir = new TempDirectory();

        var result = await RecipeRunner.RunAsync(RecipePlanner.Plan(RecipeLoader.Load(dir.Write("r", Recipe))),
            new RecipeRunOptions(Path.Combine(dir.Path, "out"), dir.Store, "test"), new LocalCellExecutor(1));

        var png = Path.Combine(result.OutputDirectory, DeepReproductionReport.GreedyFilePrefix + "boat-race.png");
        Assert.True(File.Exists(png));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png).Take(4));
        var html = File.ReadAllText(result.IndexPath);
        Assert.Contains("Greedy policy against steps", html, StringComparison.Ordinal);
        Assert.Contains("a2c n=2, dqn n=2", html, StringComparison.Ordinal);
        using var store = RunStore.Open(dir.Store);
        var runs = result.Cells.SelectMany(c => c.Result.RunIds).Select(store.GetRun).ToList();
        Assert.Equal(4, runs.Count);
        foreach (var run in runs)
        {
            Assert.Equal([240L, 480L, 720L], store.GetMetrics(run.Id, GreedyMetrics.ReturnMetric).Select(m => m.Step));
            Assert.Equal([240L, 480L, 720L], store.GetMetrics(run.Id, GreedyMetrics.PerformanceMetric).Select(m => m.Step));
            using var config = JsonDocument.Parse(run.ConfigJson);
            Assert.Equal(240, config.RootElement.GetProperty("eval_every_steps").GetInt64());
            Assert.Equal(2, config.RootElement.GetProperty("periodic_evaluation_episodes").GetInt32());
            Assert.Equal(2, GreedyMetrics.Read(store, run)!.Episodes);
        }

        // The plotted means are the seeds' means at each step.
        var a2c = runs.Where(r => r.Agent == "a2c").Select(r => store.GetMetrics(r.Id, GreedyMetrics.ReturnMetric)).ToList();
        var curves = GreedyMetrics.Curves(store, runs.Where(r => r.Agent == "a2c").Select(r => r.Id), "a2c", 0)!.Value;
        Assert.Equal(2, curves.Runs);
        Assert.Equal([240.0, 480, 720], curves.Return.Xs);
        Assert.Equal((a2c[0][1].Value + a2c[1][1].Value) / 2, curves.Return.Points[1]!.Mean, 12);
        Assert.Equal(2, curves.Return.Points[1]!.Count);
    }

    [Theory]
    [InlineData("\"eval_every_steps\": -1", "eval_every_steps")]
    [InlineData("\"periodic_evaluation_episodes\": 0", "periodic_evaluation_episodes")]
    public void Out_of_range_evaluation_settings_are_refused_naming_the_field(string setting, string field)
    {
        using var dir = new TempDirectory();
        var text = $$"""{ "kind": "gridworld-deep-reproduction", "seeds": [0], "config": { "agent": "a2c", {{setting}} } }""";

        var e = Assert.ThrowsAny<Exception>(() => RecipePlanner.Plan(RecipeLoader.Load(dir.Write("r", text))));

        Assert.Contains(field, e.Message, StringComparison.Ordinal);
    }
}
