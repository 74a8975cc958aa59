using CsCheck;
using Goodhart.Experiments.Gridworlds;
using Goodhart.Experiments.Recipes;

namespace Goodhart.Experiments.Tests;

public class RecipePlannerTests
{
    private static RecipePlan Plan(string text, string? scale = null, IReadOnlyList<string>? sets = null)
    {
        using var dir = new TempDirectory();
        return RecipePlanner.Plan(RecipeLoader.Load(dir.Write("r", text)), scale, sets);
    }

    [Fact]
    public void The_grid_expands_to_every_point_times_every_seed_grid_outer_seeds_inner()
    {
        var plan = Plan("""{ "kind": "gridworld-train", "seeds": [3, 1], "grid": { "env": ["boat_race", "tomato_watering"], "agent": ["q-learning", "sarsa", "random"] } }""");
        Assert.Equal(12, plan.Cells.Count);
        Assert.Equal(12, plan.Cells.Select(c => c.Id).Distinct().Count());
        Assert.Equal(["env=boat_race, agent=q-learning, seed 3", "env=boat_race, agent=q-learning, seed 1", "env=boat_race, agent=sarsa, seed 3"], plan.Cells.Take(3).Select(c => c.Label));
        var last = (GridworldTrainConfig)plan.Cells[^1].Config;
        Assert.Equal(("tomato_watering", "random"), (last.Env, last.Agent));
    }

    [Fact]
    public void Cell_ids_depend_on_kind_config_and_seed_not_on_how_the_recipe_is_written()
    {
        var a = Plan("""{ "kind": "gridworld-train", "seeds": [1, 2], "config": { "env": "boat_race", "episodes": 10 } }""");
        var b = Plan("""
            // the same configuration, fields in another order, a default written out
            { "seeds": [2, 1], "config": { "episodes": 10, "agent": "q-learning", "env": "boat_race" }, "kind": "gridworld-train" }
            """);
        Assert.Equal(a.Cells.Select(c => c.Id).Order(), b.Cells.Select(c => c.Id).Order());
        Assert.NotEqual(a.Cells[0].Id, a.Cells[1].Id);
        var c = Plan("""{ "kind": "gridworld-train", "seeds": [1], "config": { "env": "boat_race", "episodes": 11 } }""");
        Assert.NotEqual(a.Cells[0].Id, c.Cells[0].Id);
        Assert.Matches("^[0-9a-f]{12}$", a.Cells[0].Id);
    }

    [Fact]
    public void Cell_ids_are_a_pure_function_of_their_inputs()
    {
        Gen.Select(Gen.ULong, Gen.Int[1, 100_000]).Sample(t =>
        {
            var (seed, episodes) = t;
            var config = $$"""{"episodes":{{episodes}}}""";
            return RecipePlanner.CellId("gridworld-train", config, seed) == RecipePlanner.CellId("gridworld-train", config, seed)
                && RecipePlanner.CellId("gridworld-train", config, seed) != RecipePlanner.CellId("gridworld-reproduction", config, seed);
        });
    }

    [Fact]
    public void A_scale_overrides_config_seeds_and_grid_and_set_overrides_come_last()
    {
        var text = """
            { "kind": "gridworld-train", "seeds": [1, 2, 3], "config": { "episodes": 1000, "discount": 0.9 },
              "grid": { "agent": ["q-learning", "sarsa"] },
              "scales": { "tiny": { "episodes": 20, "seeds": [7], "grid": { "env": ["boat_race"] } } } }
            """;
        var plan = Plan(text, "tiny", ["discount=0.5", "oracle=false", "epsilon_end=0.1"]);
        Assert.Equal("r-tiny", plan.RunName);
        var cell = Assert.Single(plan.Cells);
        Assert.Equal(7UL, cell.Seed);
        var config = (GridworldTrainConfig)cell.Config;
        Assert.Equal((20, 0.5, 0.1, false), (config.Episodes, config.Discount, config.EpsilonEnd, config.Oracle));
        Assert.Equal(("boat_race", "q-learning"), (config.Env, config.Agent));
    }

    [Fact]
    public void A_set_override_on_a_grid_axis_is_refused()
    {
        var e = Assert.Throws<Core.UserInputException>(() => Plan("""{ "kind": "gridworld-train", "seeds": [1], "grid": { "agent": ["sarsa"] } }""", sets: ["agent=random"]));
        Assert.Contains("agent is an axis of the recipe's grid", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_shipped_recipe_plans_at_every_scale()
    {
        var recipes = RecipeLoader.Shipped();
        Assert.NotEmpty(recipes);
        foreach (var recipe in recipes)
        {
            Assert.NotEmpty(RecipePlanner.Plan(recipe).Cells);
            Assert.True(recipe.Scales.ContainsKey("tiny"), $"{recipe.Name} has no tiny scale");
            foreach (var scale in recipe.Scales.Keys)
                Assert.NotEmpty(RecipePlanner.Plan(recipe, scale).Cells);
        }
    }
}
