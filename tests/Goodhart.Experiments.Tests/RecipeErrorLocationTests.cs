using CsCheck;
using Goodhart.Core;
using Goodhart.Experiments.Recipes;

namespace Goodhart.Experiments.Tests;

/// <summary>
/// Issue 10: every bad value in a recipe file or a <c>--set</c> override is one line naming the recipe file, the line
/// and column (or the option and its text) and the field, and never an unhandled exception.
/// </summary>
public class RecipeErrorLocationTests
{
    private const string Recipe = "{\n  \"kind\": \"gridworld-train\",\n  \"seeds\": [1],\n  \"config\": {\n    \"env\": \"boat_race\",\n    \"episodes\": 10\n  },\n  \"scales\": { \"tiny\": { \"episodes\": 5 } }\n}";

    private static UserInputException PlanError(string text, string? scale = null, params string[] sets)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("r", text);
        return Assert.Throws<UserInputException>(() => RecipePlanner.Plan(RecipeLoader.Load(file), scale, sets));
    }

    private static void AssertMatches(string pattern, string message) =>
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(message, pattern), message);

    [Theory]
    [InlineData("episodes=NaN", "expected an integer, got \"NaN\"")]
    [InlineData("episodes=1e400", "expected a finite number, got 1e400")]
    [InlineData("episodes=2.5", "expected an integer, got 2.5")]
    [InlineData("discount=NaN", "expected a finite number, got \"NaN\"")]
    [InlineData("discount=Infinity", "expected a finite number, got \"Infinity\"")]
    [InlineData("discount=1e400", "expected a finite number, got 1e400")]
    [InlineData("oracle=maybe", "expected true or false, got \"maybe\"")]
    public void A_bad_set_value_names_the_recipe_file_the_option_with_its_text_and_the_field(string set, string problem)
    {
        var e = PlanError(Recipe, null, set);
        var path = set[..set.IndexOf('=', StringComparison.Ordinal)];
        AssertMatches($@"^/.*r\.json: --set {System.Text.RegularExpressions.Regex.Escape(set)}: field {path}: wrong type or value: ", e.Message);
        Assert.EndsWith(problem, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_set_value_the_kind_refuses_names_the_option_not_the_recipe_line()
    {
        var e = PlanError(Recipe, null, "episodes=0");
        AssertMatches(@"r\.json: --set episodes=0: field episodes: episodes must be between 1 and 10,000,000, got 0$", e.Message);
    }

    [Fact]
    public void A_value_the_kind_refuses_in_the_file_names_its_own_line_and_column()
    {
        var e = PlanError(Recipe.Replace("\"episodes\": 10", "\"episodes\": -3", StringComparison.Ordinal));
        AssertMatches(@"r\.json:6:5: field config\.episodes: episodes must be between 1 and", e.Message);
    }

    [Fact]
    public void A_value_the_kind_refuses_in_a_scale_names_the_scale_line()
    {
        var e = PlanError(Recipe.Replace("\"episodes\": 5", "\"episodes\": 0", StringComparison.Ordinal), "tiny");
        AssertMatches(@"r\.json:8:25: field scales\.tiny\.episodes: episodes must be between", e.Message);
    }

    [Fact]
    public void A_non_finite_number_in_the_file_names_its_line()
    {
        var e = PlanError(Recipe.Replace("\"env\": \"boat_race\",", "\"env\": \"boat_race\", \"discount\": 1e400,", StringComparison.Ordinal));
        AssertMatches(@"r\.json:5:25: field config\.discount: wrong type or value: expected a finite number, got 1e400$", e.Message);
    }

    [Fact]
    public void A_string_where_a_number_belongs_in_the_file_names_its_line_and_what_was_found()
    {
        var e = PlanError(Recipe.Replace("\"episodes\": 10", "\"episodes\": \"NaN\"", StringComparison.Ordinal));
        AssertMatches(@"r\.json:6:5: field config\.episodes: wrong type or value: expected an integer, got ""NaN""$", e.Message);
    }

    [Fact]
    public void Any_set_override_gives_a_plan_or_one_clean_line()
    {
        // Fuzz: random paths and texts for --set are a plan or a UserInputException/UnknownNameException on one line naming the recipe file.
        using var dir = new TempDirectory();
        var recipe = RecipeLoader.Load(dir.Write("r", Recipe));
        var paths = Gen.OneOf("episodes", "discount", "oracle", "env", "agent", "learning_rate", "epsilon_end", "set", "x.y", "agent_options.z");
        var texts = Gen.OneOf<string>(Gen.OneOf("NaN", "-Infinity", "1e400", "-1", "0", "1", "0.5", "[]", "{}", "null", "true", "\"q\"", "[1,", "boat_race"), Gen.String);
        Gen.Select(paths, texts).Sample(t =>
        {
            try
            {
                return RecipePlanner.Plan(recipe, null, [$"{t.Item1}={t.Item2}"]).Cells.Count == 1;
            }
            catch (UserInputException e)
            {
                return !e.Message.Contains('\n', StringComparison.Ordinal) || t.Item2.Contains('\n', StringComparison.Ordinal);
            }
            catch (UnknownNameException)
            {
                return true;
            }
        }, iter: 300);
    }
}
