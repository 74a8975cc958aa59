using Goodhart.Experiments.Recipes;

namespace Goodhart.Experiments.Tests.Docs;

/// <summary>
/// Every figure in the docs is one command away: each recipe the README and docs/*.md name exists in experiments/,
/// each <c>--scale</c> written beside one is a scale it has, each shipped recipe has its row in docs/experiments.md,
/// and the figure audit there names real recipes and scales (<see cref="DocsRecipeReferences"/>). The planted cases
/// show the check fails on each kind of bad reference.
/// </summary>
public class DocsRecipeReferenceTests
{
    private static readonly Dictionary<string, IReadOnlySet<string>> Planted = new(StringComparer.Ordinal)
    {
        ["gridworld-demo"] = new HashSet<string>(StringComparer.Ordinal) { "tiny" },
        ["interp-probes"] = new HashSet<string>(StringComparer.Ordinal) { "tiny", "medium", "sycophant" },
    };

    private static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Goodhart.slnx")))
                dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("no Goodhart.slnx above the test binaries");
        }
    }

    private static Dictionary<string, IReadOnlySet<string>> ShippedRecipes() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "experiments"), "*.json")
            .Select(RecipeLoader.LoadFile)
            .ToDictionary(r => r.Name, r => (IReadOnlySet<string>)r.Scales.Keys.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

    private static IEnumerable<string> DocsFiles() =>
        [Path.Combine(RepositoryRoot, "README.md"), .. Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "docs"), "*.md").Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_recipe_and_scale_named_in_the_README_and_docs_exists()
    {
        var recipes = ShippedRecipes();
        var problems = DocsFiles().SelectMany(f => DocsRecipeReferences.Check(Path.GetRelativePath(RepositoryRoot, f), File.ReadAllText(f), recipes)).ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Every_shipped_recipe_has_its_row_in_docs_experiments_and_the_audit_names_real_recipes_and_scales()
    {
        var recipes = ShippedRecipes();
        var page = Path.Combine(RepositoryRoot, "docs", "experiments.md");
        var problems = DocsRecipeReferences.CheckExperimentsPage("docs/experiments.md", File.ReadAllText(page), recipes);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [InlineData("Run `goodhart run gridworld-demo` to see it.")]
    [InlineData("```\ngoodhart run gridworld-demo --scale tiny   # seconds\n```")]
    [InlineData("```\ngoodhart run interp-probes [--scale tiny|medium] --jobs 2\n```")]
    [InlineData("From `goodhart run experiments/interp-probes.json --scale sycophant --jobs 2`.")]
    [InlineData("The specimen (`interp-probes --scale sycophant`) and `experiments/gridworld-demo.json`.")]
    [InlineData("`goodhart run RECIPE [--scale S]`, `goodhart run my-recipe.json --set episodes=5`")]
    [InlineData("```\ngoodhart run gridworld-demo   # not --scale huge: a comment is not a command\n```")]
    public void Good_references_pass(string markdown) =>
        Assert.Empty(DocsRecipeReferences.Check("page.md", markdown, Planted));

    [Theory]
    [InlineData("Run `goodhart run gridworld-dmeo` to see it.", "page.md:1: `goodhart run gridworld-dmeo`")]
    [InlineData("text\n```\ngoodhart run gridworld-demo --scale huge\n```", "page.md:3: `gridworld-demo --scale huge`")]
    [InlineData("```\ngoodhart run interp-probes [--scale tiny|large]\n```", "page.md:2: `interp-probes --scale large`")]
    [InlineData("a\nb `goodhart run\ninterp-sae-features.json --scale medium`", "page.md:2: `goodhart run interp-sae-features.json`")]
    [InlineData("The specimen (`interp-probes --scale sycophantic`).", "page.md:1: `interp-probes --scale sycophantic`")]
    [InlineData("Recipe: `experiments/no-such.json`.", "page.md:1: experiments/no-such.json is not a shipped recipe")]
    public void A_planted_bad_reference_is_reported_with_its_line(string markdown, string expected)
    {
        var problem = Assert.Single(DocsRecipeReferences.Check("page.md", markdown, Planted));
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recipe_missing_from_the_table_and_a_bad_audit_row_are_reported()
    {
        const string Page = """
            # Experiments

            ## The shipped recipes

            | recipe | kind |
            |---|---|
            | `gridworld-demo` | `gridworld-train` |
            | `gridworld-dmeo` | `gridworld-train` |

            ## Where each figure comes from

            | page | figures | recipe | scale | seeds | code | status |
            |---|---|---|---|---|---|---|
            | README.md | quick start | `gridworld-demo` | full | 0 | `f00d0f9` | checked |
            | docs/interpretability.md | specimen | `interp-probes` | `sycophant` | 1 | `6adcc4f` | not rerun |
            | docs/interpretability.md | probes | `interp-probes` | `large` | 1-3 | `99285d4` | not rerun |
            | docs/rlhf.md | old driver | no recipe | - | 1 | `4fa445d` | historical |
            | docs/x.md | y | `no-such` | `tiny` | 1 | `f00d0f9` | checked |
            """;
        var problems = DocsRecipeReferences.CheckExperimentsPage("docs/experiments.md", Page, Planted);
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("docs/experiments.md:8: the recipe table names `gridworld-dmeo`", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("docs/experiments.md: experiments/interp-probes.json has no row", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("docs/experiments.md:16: the audit gives recipe `interp-probes` scale `large`", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("docs/experiments.md:18: the audit names recipe `no-such`", StringComparison.Ordinal));
    }

    [Fact]
    public void A_page_without_the_audit_is_reported() =>
        Assert.Contains(
            DocsRecipeReferences.CheckExperimentsPage("docs/experiments.md", "## The shipped recipes\n\n| recipe |\n|---|\n| `gridworld-demo` |\n| `interp-probes` |\n", Planted),
            p => p.Contains("no figure audit", StringComparison.Ordinal));
}
