using System.Text;
using System.Text.RegularExpressions;

namespace Goodhart.Experiments.Tests.Docs;

/// <summary>
/// Reads the README and docs/*.md as markdown and lists every reference to a shipped recipe that would not work as
/// written: <c>goodhart run NAME</c> where NAME is neither a shipped recipe nor a path to one, a <c>--scale S</c>
/// beside a recipe that has no scale S, an <c>experiments/NAME.json</c> that is not shipped, a recipe in
/// experiments/ missing from docs/experiments.md's recipe table, and a row of that page's figure audit whose recipe
/// or scale does not exist. Each problem is one line naming the file and the line.
/// </summary>
/// <remarks>
/// What counts as a reference: in a fenced code block, each line up to a shell comment (<c> #</c>); elsewhere, each
/// inline code span (<c>`...`</c>). Inside one, <c>goodhart run TOKEN</c> names a recipe (a span that starts with a
/// shipped recipe's name, such as <c>`interp-probes --scale sycophant`</c>, does too), and every <c>--scale</c>
/// after it (<c>--scale small</c>, <c>[--scale tiny|medium]</c>) names scales of that recipe. Placeholders are left
/// alone: an upper-case word (<c>RECIPE</c>, <c>S</c>) and a file of one's own (<c>my-recipe.json</c>).
/// </remarks>
public static partial class DocsRecipeReferences
{
    /// <summary>The heading of docs/experiments.md's figure audit, whose rows are checked like references.</summary>
    public const string AuditHeading = "## Where each figure comes from";

    /// <summary>The problems in one markdown file; <paramref name="recipes"/> maps each shipped recipe's name to its scales.</summary>
    public static IReadOnlyList<string> Check(string file, string markdown, IReadOnlyDictionary<string, IReadOnlySet<string>> recipes)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(recipes);
        var problems = new List<string>();
        foreach (var (line, text) in Spans(markdown))
            CheckSpan(file, line, text, recipes, problems);
        foreach (Match m in ShippedPath().Matches(markdown))
        {
            if (!recipes.ContainsKey(m.Groups[1].Value))
                problems.Add($"{file}:{LineOf(markdown, m.Index)}: experiments/{m.Groups[1].Value}.json is not a shipped recipe");
        }
        return problems;
    }

    /// <summary>
    /// The problems of docs/experiments.md as a whole: every shipped recipe has a row in "The shipped recipes" table,
    /// every row there names a shipped recipe, and every row of the figure audit names a shipped recipe (or none:
    /// <c>no recipe</c>, a dash) and, where its scale column names one, a scale that recipe has.
    /// </summary>
    public static IReadOnlyList<string> CheckExperimentsPage(string file, string markdown, IReadOnlyDictionary<string, IReadOnlySet<string>> recipes)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(recipes);
        var problems = new List<string>();
        var lines = markdown.Split('\n');
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, cells) in TableRows(lines, "## The shipped recipes"))
        {
            var name = Unquote(cells[0]);
            if (name is null)
                continue;
            listed.Add(name);
            if (!recipes.ContainsKey(name))
                problems.Add($"{file}:{line}: the recipe table names `{name}`, which is not in experiments/");
        }
        foreach (var name in recipes.Keys.Where(n => !listed.Contains(n)).Order(StringComparer.Ordinal))
            problems.Add($"{file}: experiments/{name}.json has no row in the table under \"## The shipped recipes\"");
        var audited = 0;
        foreach (var (line, cells) in TableRows(lines, AuditHeading))
        {
            if (cells.Count < 4)
            {
                problems.Add($"{file}:{line}: an audit row needs the columns page, figures, recipe, scale, ...");
                continue;
            }
            audited++;
            var recipe = Unquote(cells[2]);
            if (recipe is null)
                continue;
            if (!recipes.TryGetValue(recipe, out var scales))
            {
                problems.Add($"{file}:{line}: the audit names recipe `{recipe}`, which is not in experiments/");
                continue;
            }
            foreach (Match s in Quoted().Matches(cells[3]))
            {
                if (s.Groups[1].Value != "full" && !scales.Contains(s.Groups[1].Value))
                    problems.Add($"{file}:{line}: the audit gives recipe `{recipe}` scale `{s.Groups[1].Value}`, which it does not have (it has {Describe(scales)})");
            }
        }
        if (audited == 0)
            problems.Add($"{file}: no figure audit (a table under \"{AuditHeading}\")");
        return problems;
    }

    private static void CheckSpan(string file, int line, string text, IReadOnlyDictionary<string, IReadOnlySet<string>> recipes, List<string> problems)
    {
        string? recipe = null;
        var first = FirstToken().Match(text);
        if (first.Success && recipes.ContainsKey(first.Groups[1].Value))
            recipe = first.Groups[1].Value;
        var run = RunCommand().Match(text);
        var scalesFrom = 0;
        if (run.Success)
        {
            scalesFrom = run.Index;
            var token = run.Groups[1].Value;
            recipe = Resolve(token, recipes);
            if (recipe is null && !IsPlaceholder(token))
            {
                problems.Add($"{file}:{line}: `goodhart run {token}`: no shipped recipe of that name (experiments/*.json)");
                return;
            }
        }
        if (recipe is null)
            return;
        foreach (Match s in ScaleOption().Matches(text, scalesFrom))
        {
            foreach (var scale in s.Groups[1].Value.Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!IsPlaceholder(scale) && !recipes[recipe].Contains(scale))
                    problems.Add($"{file}:{line}: `{recipe} --scale {scale}`: recipe {recipe} has no scale {scale} (it has {Describe(recipes[recipe])})");
            }
        }
    }

    /// <summary>A shipped name, or a path ending in experiments/NAME.json; null for anything else.</summary>
    private static string? Resolve(string token, IReadOnlyDictionary<string, IReadOnlySet<string>> recipes)
    {
        if (recipes.ContainsKey(token))
            return token;
        var path = ShippedPath().Match(token);
        return path.Success && path.Index + path.Length == token.Length && recipes.ContainsKey(path.Groups[1].Value) ? path.Groups[1].Value : null;
    }

    private static bool IsPlaceholder(string token) =>
        (token.Any(char.IsUpper) && !token.Any(char.IsLower)) || token.StartsWith("my-", StringComparison.Ordinal) || token.StartsWith('$');

    private static string Describe(IReadOnlySet<string> scales) =>
        scales.Count == 0 ? "none" : string.Join(", ", scales.Order(StringComparer.Ordinal));

    private static string? Unquote(string cell)
    {
        var m = Quoted().Match(cell);
        return m.Success && m.Index == 0 ? m.Groups[1].Value : null;
    }

    /// <summary>The rows (line number, cells) of the first table after <paramref name="heading"/>, header and rule left out.</summary>
    private static IEnumerable<(int Line, List<string> Cells)> TableRows(string[] lines, string heading)
    {
        var at = Array.FindIndex(lines, l => l.TrimEnd() == heading);
        if (at < 0)
            yield break;
        var i = at + 1;
        while (i < lines.Length && !lines[i].StartsWith('|'))
        {
            if (lines[i].StartsWith("## ", StringComparison.Ordinal))
                yield break;
            i++;
        }
        for (i += 2; i < lines.Length && lines[i].StartsWith('|'); i++)
            yield return (i + 1, [.. lines[i].Trim().Trim('|').Split(" | ").Select(c => c.Trim())]);
    }

    /// <summary>The code the markdown shows: each fenced line (up to a shell comment) and each inline code span, with its line.</summary>
    private static IEnumerable<(int Line, string Text)> Spans(string markdown)
    {
        var lines = markdown.Split('\n');
        var fenced = false;
        var prose = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                prose.Append('\n');
                continue;
            }
            if (fenced)
            {
                var comment = lines[i].IndexOf(" #", StringComparison.Ordinal);
                yield return (i + 1, comment < 0 ? lines[i] : lines[i][..comment]);
                prose.Append('\n');
            }
            else
            {
                prose.Append(lines[i]).Append('\n');
            }
        }
        var text = prose.ToString();
        foreach (Match m in InlineCode().Matches(text))
            yield return (LineOf(text, m.Index), m.Groups[1].Value.Replace('\n', ' '));
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    [GeneratedRegex(@"goodhart\s+run\s+([^\s`]+)")]
    private static partial Regex RunCommand();

    [GeneratedRegex(@"--scale[\s=]+([A-Za-z0-9_|-]+)")]
    private static partial Regex ScaleOption();

    [GeneratedRegex(@"^\s*([a-z0-9][a-z0-9-]*)(?=\s|$)")]
    private static partial Regex FirstToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_./-])experiments/([a-z0-9][a-z0-9-]*)\.json")]
    private static partial Regex ShippedPath();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex("`([a-z0-9][a-z0-9_-]*)`")]
    private static partial Regex Quoted();
}
