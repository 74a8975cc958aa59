using System.Globalization;
using System.Net;
using System.Text;
using Goodhart.Core.Runs;
using Goodhart.Experiments.DeepRl;
using Goodhart.Reports.DeepRl;

namespace Goodhart.Experiments.DeepReproduction;

/// <summary>
/// The report of <c>gridworld-deep-reproduction</c>: per env one PNG of return (solid) and performance (dashed)
/// against env steps for each agent, mean ± one standard error over seeds, with the oracle's performance as a dotted
/// line; per env one PNG of the greedy policy's return and performance at each periodic evaluation against env steps
/// (<see cref="GreedyFilePrefix"/>, same colours, mean ± SE over seeds); and the outcome table (<see cref="FileName"/>) of final and greedy figures, test levels and safety events.
/// </summary>
internal static class DeepReproductionReport
{
    /// <summary>The outcome table written beside the report.</summary>
    public const string FileName = "deep-reproduction-table.md";

    /// <summary>The start of each env's greedy-curve PNG (<c>greedy-ENV.png</c>).</summary>
    public const string GreedyFilePrefix = "greedy-";

    public static IReadOnlyList<ReportSection> Write(ReportContext context, IReadOnlyList<CellOutcome> cells)
    {
        var byEnv = cells.GroupBy(c => ((DeepReproductionConfig)c.Config).Env).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var figures = new StringBuilder();
        var greedyFigures = new StringBuilder();
        var table = new StringBuilder();
        table.AppendLine("| env | agent | seeds | return, last 10% of steps | performance, last 10% | greedy return | greedy performance | test levels (greedy return) | safety events (share of last-10% episodes) |");
        table.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var env in byEnv)
        {
            var agents = env.GroupBy(c => ((DeepReproductionConfig)c.Config).AgentLabel)
                .OrderBy(g => Order(((DeepReproductionConfig)g.First().Config).Agent)).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
            var oracle = agents.FirstOrDefault(g => g.Key == DeepReproductionKind.OracleAgent);
            var curves = new List<SeedCurve>();
            var greedy = new List<SeedCurve>();
            var greedyRuns = new List<string>();
            var colour = 0;
            foreach (var agent in agents.Where(g => g.Key != DeepReproductionKind.OracleAgent))
            {
                var config = (DeepReproductionConfig)agent.First().Config;
                var xs = Enumerable.Range(0, config.CurvePoints).Select(i => DeepReproductionValues.SliceEnd(config.Steps, config.CurvePoints, i)).ToArray();
                curves.Add(new SeedCurve($"{agent.Key} return", xs, [.. Enumerable.Range(0, config.CurvePoints).Select(i => Stats(agent, DeepReproductionValues.Curve("return", i)))], colour, Dashed: false));
                curves.Add(new SeedCurve($"{agent.Key} performance", xs, [.. Enumerable.Range(0, config.CurvePoints).Select(i => Stats(agent, DeepReproductionValues.Curve("performance", i)))], colour, Dashed: true));
                if (GreedyMetrics.Curves(context.Store, agent.SelectMany(c => c.Result.RunIds), $"{agent.Key} greedy", colour) is { } pair)
                {
                    greedy.Add(pair.Return);
                    greedy.Add(pair.Performance);
                    greedyRuns.Add(string.Create(CultureInfo.InvariantCulture, $"{agent.Key} n={pair.Runs}"));
                }
                colour++;
                table.AppendLine(Row(env.Key, agent.Key, agent.ToList()));
            }
            if (oracle is not null)
                table.AppendLine(Row(env.Key, DeepReproductionKind.OracleAgent, oracle.ToList()));
            var references = oracle is null ? [] : new List<(string, double)> { ("oracle performance", Stats(oracle, DeepReproductionValues.OraclePerformance)?.Mean ?? double.NaN) };
            if (curves.Count == 0)
                continue;
            var file = $"deep-{Sanitise(env.Key)}.png";
            SeedCurvesPlot.SavePng(Path.Combine(context.Directory, file), env.Key, "env steps", "per training episode (mean ± SE over seeds)", curves, references);
            figures.Append(CultureInfo.InvariantCulture, $"<figure><img src=\"{WebUtility.HtmlEncode(file)}\" alt=\"{WebUtility.HtmlEncode(env.Key)}\"><figcaption>{WebUtility.HtmlEncode(env.Key)}: visible return (solid) and hidden performance (dashed) of training episodes against env steps, mean ± SE over seeds (n per agent in the table); dotted: the oracle's performance.</figcaption></figure>\n");
            if (greedy.Count == 0)
                continue;
            var greedyFile = $"{GreedyFilePrefix}{Sanitise(env.Key)}.png";
            SeedCurvesPlot.SavePng(Path.Combine(context.Directory, greedyFile), $"{env.Key}: greedy policy", "env steps", "per greedy episode (mean ± SE over seeds)", greedy, references);
            greedyFigures.Append(CultureInfo.InvariantCulture, $"<figure><img src=\"{WebUtility.HtmlEncode(greedyFile)}\" alt=\"{WebUtility.HtmlEncode(env.Key)} greedy\"><figcaption>{WebUtility.HtmlEncode(env.Key)}: the greedy policy's visible return (solid) and hidden performance (dashed) at each periodic evaluation (<code>eval_every_steps</code>) against env steps, mean ± SE over seeds ({WebUtility.HtmlEncode(string.Join(", ", greedyRuns))}); dotted: the oracle's performance.</figcaption></figure>\n");
        }
        Running.AtomicFile.WriteAllText(Path.Combine(context.Directory, FileName), table.ToString());
        var sections = new List<ReportSection> { new("Return and performance against steps", figures.ToString()) };
        if (greedyFigures.Length > 0)
            sections.Add(new ReportSection("Greedy policy against steps", greedyFigures.ToString()));
        sections.Add(new ReportSection("Outcome table", MarkdownTableToHtml(table.ToString())));
        return sections;
    }

    private static int Order(string agent) => agent switch { "a2c" => 0, "rainbow" => 1, "ppo" => 2, "dqn" => 3, "oracle" => 9, _ => 5 };

    private static string Row(string env, string agent, IReadOnlyList<CellOutcome> cells)
    {
        var tests = cells.SelectMany(c => c.Result.Values.Keys)
            .Where(k => k.StartsWith(DeepReproductionValues.TestPrefix, StringComparison.Ordinal) && k.EndsWith("/return", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(k => $"{k[DeepReproductionValues.TestPrefix.Length..^"/return".Length]} {Format(Stats(cells, k))}");
        var events = cells.SelectMany(c => c.Result.Values.Keys)
            .Where(k => k.StartsWith(DeepReproductionValues.EventPrefix, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(k => $"{k[DeepReproductionValues.EventPrefix.Length..]} {Format(Stats(cells, k, missingIsZero: true))}");
        var isOracle = agent == DeepReproductionKind.OracleAgent;
        return string.Join(" | ",
            $"| {env}", agent, cells.Count.ToString(CultureInfo.InvariantCulture),
            isOracle ? "" : Format(Stats(cells, DeepReproductionValues.FinalReturn)),
            isOracle ? "" : Format(Stats(cells, DeepReproductionValues.FinalPerformance)),
            Format(Stats(cells, isOracle ? DeepReproductionValues.OracleReturn : DeepReproductionValues.EvalReturn)),
            Format(Stats(cells, isOracle ? DeepReproductionValues.OraclePerformance : DeepReproductionValues.EvalPerformance)),
            string.Join("; ", tests), string.Join("; ", events) + " |");
    }

    private static SampleStats? Stats(IEnumerable<CellOutcome> cells, string name, bool missingIsZero = false) =>
        SampleStats.Of(cells.Select(c => c.Result.Values.TryGetValue(name, out var v) ? v : missingIsZero ? 0 : double.NaN).Where(double.IsFinite));

    private static string Format(SampleStats? s) => s is null
        ? "-"
        : s.Se is { } se ? string.Create(CultureInfo.InvariantCulture, $"{s.Mean:0.0##} ± {se:0.0##}") : s.Mean.ToString("0.0##", CultureInfo.InvariantCulture);

    private static string Sanitise(string env) => new([.. env.Select(ch => char.IsLetterOrDigit(ch) ? ch : '-')]);

    private static string MarkdownTableToHtml(string markdown)
    {
        var html = new StringBuilder("<table>\n");
        var lines = markdown.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            if (i == 1)
                continue;
            var tag = i == 0 ? "th" : "td";
            var cells = lines[i].Trim().Trim('|').Split(" | ");
            html.Append("<tr>").AppendJoin("", cells.Select(c => $"<{tag}>{WebUtility.HtmlEncode(c.Trim())}</{tag}>")).Append("</tr>\n");
        }
        return html.Append("</table>").ToString();
    }
}
