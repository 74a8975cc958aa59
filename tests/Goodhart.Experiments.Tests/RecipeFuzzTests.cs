using CsCheck;
using Goodhart.Core;
using Goodhart.Experiments.Recipes;

namespace Goodhart.Experiments.Tests;

/// <summary>
/// Fuzz pass over recipe files (issue 11): every shipped recipe, with a value replaced by a hostile one, a character
/// deleted, or the text cut short, is read and planned at its <c>tiny</c> scale; the result is a plan or one
/// <see cref="UserInputException"/> / <see cref="UnknownNameException"/> line naming the file, never another exception.
/// This covers each kind's configuration parser (the gridworld, deep RL, goal-misgeneralization level generators,
/// RLHF, oversight, value learning and interpretability configurations).
/// </summary>
public sealed class RecipeFuzzTests
{
    private static readonly string[] Hostile =
        ["NaN", "-1", "0", "1e400", "-1e400", "2147483648", "99999999999999999999", "0.5", "\"x\"", "\"\"", "null", "true", "[]", "[1e400]", "{}", "{\"a\": 1}", "\"NaN\""];

    [Fact]
    public void Damaged_shipped_recipes_plan_or_give_one_clean_line()
    {
        var recipes = Directory.GetFiles(RecipeLoader.ShippedDirectory, "*.json").Order(StringComparer.Ordinal).Select(f => (Name: Path.GetFileName(f), Text: File.ReadAllText(f))).ToArray();
        Assert.NotEmpty(recipes);
        using var dir = new TempDirectory();
        var damage = Gen.Select(Gen.Int[0, recipes.Length - 1], Gen.Int[0, 2], Gen.Int[0, int.MaxValue], Gen.Int[0, Hostile.Length - 1]);
        damage.Sample((recipe, how, where, value) =>
        {
            var (name, text) = recipes[recipe];
            var damaged = how switch
            {
                0 => ReplaceValue(text, where, Hostile[value]),
                1 => text.Remove(where % text.Length, 1),
                _ => text[..(where % text.Length)],
            };
            var path = dir.Write(Path.GetFileNameWithoutExtension(name), damaged);
            try
            {
                var loaded = RecipeLoader.Load(path);
                RecipePlanner.Plan(loaded, loaded.Scales.ContainsKey("tiny") ? "tiny" : null);
                return true;
            }
            catch (UserInputException e)
            {
                return !e.Message.Contains('\n', StringComparison.Ordinal) && e.Message.StartsWith(path, StringComparison.Ordinal);
            }
            catch (UnknownNameException)
            {
                return true;
            }
        }, iter: 600, seed: FixedSeed);
    }

    /// <summary>
    /// The seed that found the torso case fixed in RecipePlanner, replayed as the first iteration. CsCheck uses a given
    /// seed for the first iteration only; the other 599 are drawn at random on every run (15 random runs of 600 passed
    /// on the fixed code, and a <c>CsCheck_Time=30</c> run in session 9).
    /// </summary>
    private const string FixedSeed = "5_urkAc3p-I2";

    /// <summary>Replaces the value after the n-th <c>": "</c> (a number, string, true/false/null or the first token of a list or object) with <paramref name="value"/>.</summary>
    private static string ReplaceValue(string text, int n, string value)
    {
        var colons = new List<int>();
        for (var i = text.IndexOf(": ", StringComparison.Ordinal); i >= 0; i = text.IndexOf(": ", i + 1, StringComparison.Ordinal))
            colons.Add(i + 2);
        if (colons.Count == 0)
            return text;
        var start = colons[n % colons.Count];
        var end = start;
        if (end < text.Length && text[end] == '"')
        {
            end = text.IndexOf('"', end + 1);
            end = end < 0 ? text.Length : end + 1;
        }
        else
        {
            while (end < text.Length && text[end] is not (',' or '\n' or '}' or ']' or ' ' or '[' or '{'))
                end++;
            if (end == start && end < text.Length)
                end++;
        }
        return text[..start] + value + text[end..];
    }
}
