using System.Text.Json;
using System.Text.RegularExpressions;
using Goodhart.Core;
using Goodhart.Core.Runs;
using Goodhart.Experiments.Recipes;
using Goodhart.Experiments.Running;

namespace Goodhart.Experiments.Tests.DeepRl;

/// <summary>
/// The recipe key <c>backend</c> of the deep-rl kinds (and <c>observation</c> of <c>gridworld-train</c>): bad values
/// are refused naming the file, position and field; every deep cell's stored config records the backend it resolved to.
/// </summary>
public class DeepRlBackendRecipeTests
{
    public static TheoryData<string, string> Kinds => new()
    {
        { "gridworld-train", """ "env": "boat_race", "agent": "a2c", "steps": 160 """ },
        { "gridworld-deep-reproduction", """ "env": "boat_race", "agent": "a2c", "steps": 160 """ },
        { "goal-misgeneralization", """ "family": "goal_in_corner", "agent": "ppo", "torso": "mlp", "steps": 160 """ },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_bad_backend_names_the_file_its_line_and_column_and_the_field(string kind, string config)
    {
        var e = PlanError($$"""
            { "kind": "{{kind}}", "seeds": [0],
              "config": { {{config}},
                "backend": "gpu" } }
            """);
        Assert.Matches(@"r\.json:3:5: field config\.backend: backend must be auto, torch or fused, got 'gpu'$", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_bad_backend_given_by_set_names_the_option_and_the_field(string kind, string config)
    {
        var e = PlanError($$"""{ "kind": "{{kind}}", "seeds": [0], "config": { {{config}} } }""", "backend=Fused");
        Assert.Matches(@"r\.json: --set backend=Fused: field backend: backend must be auto, torch or fused, got 'Fused'$", e.Message);
    }

    [Theory]
    [InlineData(""" "agent": "a2c", "observation": "sideways" """, @"field config\.observation: observation must be board or egocentric, got 'sideways'")]
    [InlineData(""" "agent": "dqn", "observation": "egocentric" """, @"field config\.observation: observation egocentric is read by ppo and a2c only; dqn reads the board as it lies")]
    [InlineData(""" "agent": "q-learning", "observation": "egocentric" """, @"field config\.observation: observation is for deep agents \(a2c, ppo\); q-learning is a tabular learner")]
    [InlineData(""" "agent": "a2c", "network": "cnn", "backend": "fused" """, @"a2c backend fused runs the mlp torso only, not cnn; use auto or torch")]
    public void Gridworld_train_refuses_what_an_agent_cannot_run(string fields, string message)
    {
        var e = PlanError($$"""{ "kind": "gridworld-train", "seeds": [0], "config": { "env": "boat_race", "steps": 160, {{fields}} } }""");
        Assert.Matches(message, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task Every_deep_cell_records_the_backend_it_resolved_to_and_gridworld_train_its_observation()
    {
        var train = await RunAsync("""
            { "kind": "gridworld-train", "seeds": [0],
              "config": { "env": "boat_race", "agent": "a2c", "steps": 160, "evaluation_episodes": 1, "eval_every_steps": 0, "oracle": false },
              "grid": { "backend": ["auto", "torch"], "observation": ["board", "egocentric"] } }
            """);
        Assert.Equal(4, train.Count);
        foreach (var config in train)
        {
            var asked = config.GetProperty("agent_options").GetString()!;
            Assert.Equal(asked.Contains("Backend = Torch", StringComparison.Ordinal) ? "torch" : "fused", config.GetProperty("backend").GetString());
        }

        Assert.Equal(2, train.Count(c => c.GetProperty("observation").GetString() == "egocentric"));

        var reproduction = await RunAsync("""
            { "kind": "gridworld-deep-reproduction", "seeds": [0],
              "config": { "env": "boat_race", "steps": 160, "hidden": 16, "evaluation_episodes": 1, "curve_points": 2, "eval_every_steps": 0 },
              "grid": { "agent": ["a2c", "rainbow"] } }
            """);
        Assert.Equal(["fused", "fused"], reproduction.OrderBy(c => c.GetProperty("agent").GetString(), StringComparer.Ordinal).Select(c => c.GetProperty("backend").GetString()));

        var goals = await RunAsync("""
            { "kind": "goal-misgeneralization", "seeds": [0],
              "config": { "family": "goal_in_corner", "agent": "a2c", "steps": 160, "test_episodes": 2 },
              "grid": { "torso": ["mlp", "cnn"] } }
            """);
        Assert.Equal(["torch", "fused"], goals.OrderBy(c => c.GetProperty("torso").GetString(), StringComparer.Ordinal).Select(c => c.GetProperty("backend").GetString()));
    }

    private static UserInputException PlanError(string text, params string[] sets)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("r", text);
        return Assert.Throws<UserInputException>(() => RecipePlanner.Plan(RecipeLoader.Load(file), null, sets));
    }

    /// <summary>Runs the recipe and returns each deep run's stored config.</summary>
    private static async Task<List<JsonElement>> RunAsync(string recipe)
    {
        using var dir = new TempDirectory();
        var result = await RecipeRunner.RunAsync(RecipePlanner.Plan(RecipeLoader.Load(dir.Write("r", recipe))),
            new RecipeRunOptions(Path.Combine(dir.Path, "out"), dir.Store, "test"), new LocalCellExecutor(1));
        using var store = RunStore.Open(dir.Store);
        return [.. result.Cells.SelectMany(c => c.Result.RunIds).Select(id => JsonDocument.Parse(store.GetRun(id).ConfigJson).RootElement.Clone())];
    }
}
