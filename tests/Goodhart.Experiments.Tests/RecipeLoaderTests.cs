using Goodhart.Core;
using Goodhart.Experiments.Recipes;

namespace Goodhart.Experiments.Tests;

public class RecipeLoaderTests
{
    private static UserInputException LoadError(string text, string? scale = null, IReadOnlyList<string>? sets = null)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("r", text);
        return Assert.Throws<UserInputException>(() => RecipePlanner.Plan(RecipeLoader.Load(file), scale, sets));
    }

    [Fact]
    public void A_well_formed_recipe_is_read_with_comments_and_trailing_commas()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("ok", """
            // a comment
            { "kind": "gridworld-train", "description": "one line", "seeds": [1, 2],
              "config": { "env": "boat_race", "episodes": 10, },
              "scales": { "tiny": { "episodes": 5 } } }
            """);
        var recipe = RecipeLoader.Load(file);
        Assert.Equal("ok", recipe.Name);
        Assert.Equal("gridworld-train", recipe.Kind);
        Assert.Equal([1UL, 2UL], recipe.Seeds);
        Assert.Equal(["tiny"], recipe.Scales.Keys);
        Assert.Equal(12, recipe.ContentHash.Length);
    }

    [Fact]
    public void Bad_json_names_the_file_line_and_column()
    {
        var e = LoadError("{\n  \"kind\": \"gridworld-train\",\n  \"seeds\": [1,,]\n}");
        Assert.Matches(@"r\.json:3:\d+: not valid JSON", e.Message);
    }

    [Fact]
    public void A_duplicate_key_names_the_file_and_line_instead_of_throwing_from_the_json_library()
    {
        // Found by RecipeFuzzTests (CsCheck seed bKbpEFrzbCI1): a scale renamed to another scale's name made
        // System.Text.Json throw ArgumentException ("An item with the same key has already been added") on enumeration.
        var e = LoadError("{\n  \"kind\": \"gridworld-train\",\n  \"seeds\": [1],\n  \"scales\": {\n    \"tiny\": {},\n    \"tiny\": {}\n  }\n}");
        Assert.Matches(@"r\.json:6:5: field scales\.tiny: duplicate key", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void An_unknown_top_level_field_names_its_line()
    {
        var e = LoadError("{\n  \"kind\": \"gridworld-train\",\n  \"seeds\": [1],\n  \"sedes\": [2]\n}");
        Assert.Matches(@"r\.json:4:3: field sedes: unknown field", e.Message);
    }

    [Fact]
    public void An_unknown_kind_lists_the_kinds_at_its_line()
    {
        var e = LoadError("{\n  \"kind\": \"gridworld-trian\",\n  \"seeds\": [1]\n}");
        Assert.Matches(@"r\.json:2:3: field kind: unknown experiment kind 'gridworld-trian'; valid: .*gridworld-train", e.Message);
    }

    [Fact]
    public void A_seed_of_the_wrong_type_names_its_position()
    {
        var e = LoadError("{\n  \"kind\": \"gridworld-train\",\n  \"seeds\": [1, -2]\n}");
        Assert.Matches(@"r\.json:3:16: field seeds\[1\]: a seed is a non-negative integer", e.Message);
    }

    [Fact]
    public void An_unknown_config_field_names_the_field_and_its_line()
    {
        var e = LoadError("{\n  \"kind\": \"gridworld-train\",\n  \"seeds\": [1],\n  \"config\": {\n    \"episods\": 10\n  }\n}");
        Assert.Matches(@"r\.json:5:5: field config\.episods: unknown field of gridworld-train", e.Message);
    }

    [Fact]
    public void A_config_value_of_the_wrong_type_names_the_field_and_its_line()
    {
        var e = LoadError("{\n  \"kind\": \"gridworld-train\",\n  \"seeds\": [1],\n  \"config\": { \"episodes\": \"many\" }\n}");
        Assert.Matches(@"r\.json:4:15: field config\.episodes: wrong type or value", e.Message);
    }

    [Fact]
    public void A_grid_path_that_is_not_in_the_config_is_refused_at_its_line()
    {
        var e = LoadError("{\n  \"kind\": \"gridworld-train\",\n  \"seeds\": [1],\n  \"grid\": {\n    \"learning.rate\": [0.1, 0.2]\n  }\n}");
        Assert.Matches(@"r\.json:5:5: field grid\.learning\.rate: learning\.rate is not a field of gridworld-train", e.Message);
    }

    [Fact]
    public void A_bad_value_after_merging_a_scale_is_refused_naming_the_recipe()
    {
        var e = LoadError("{\n  \"kind\": \"gridworld-train\",\n  \"seeds\": [1],\n  \"config\": { \"episodes\": 10 },\n  \"scales\": { \"tiny\": { \"episodes\": 0 } }\n}", scale: "tiny");
        Assert.Matches(@"r\.json:5:25: field scales\.tiny\.episodes: episodes must be between 1 and", e.Message);
    }

    [Fact]
    public void A_bad_grid_value_names_the_grid_point()
    {
        var e = LoadError("{\n  \"kind\": \"gridworld-train\",\n  \"seeds\": [1],\n  \"grid\": { \"agent\": [\"sarsa\", \"sarsaa\"] }\n}");
        Assert.Contains("grid point agent=sarsaa", e.Message, StringComparison.Ordinal);
        Assert.Contains("unknown agent 'sarsaa'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_set_override_names_the_option()
    {
        var e = LoadError("{ \"kind\": \"gridworld-train\", \"seeds\": [1] }", sets: ["episodes=lots"]);
        Assert.Matches(@"r\.json: --set episodes=lots: field episodes: wrong type or value: expected an integer, got ""lots""$", e.Message);
    }

    [Fact]
    public void An_unknown_scale_lists_the_scales()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("r", "{ \"kind\": \"gridworld-train\", \"seeds\": [1], \"scales\": { \"tiny\": {} } }");
        var e = Assert.Throws<UnknownNameException>(() => RecipePlanner.Plan(RecipeLoader.Load(file), "huge"));
        Assert.Contains("valid: tiny", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_recipe_name_lists_the_shipped_recipes()
    {
        var e = Assert.Throws<UnknownNameException>(() => RecipeLoader.Load("no-such-recipe"));
        Assert.Contains("gridworld-demo", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_cells_are_refused()
    {
        var seeds = string.Join(", ", Enumerable.Range(0, 1000));
        var values = string.Join(", ", Enumerable.Range(1, 11));
        var e = LoadError($"{{ \"kind\": \"gridworld-train\", \"seeds\": [{seeds}], \"grid\": {{ \"episodes\": [{values}] }} }}");
        Assert.Contains("11000 cells; the limit is 10000", e.Message, StringComparison.Ordinal);
    }
}
