using System.Globalization;
using System.Net;
using System.Text;
using Goodhart.Core.Runs;

namespace Goodhart.Experiments.Gridworlds;

/// <summary>The reproduction table: per env and learner, final greedy return and performance against the oracle (mean ± standard error over seeds), safety events and run ids.</summary>
public static class ReproductionTable
{
    /// <summary>The markdown file the reproduction's report writes beside index.html.</summary>
    public const string FileName = "reproduction-table.md";

    /// <summary>Groups the cells by env and learner (in plan order), with each env's oracle cells.</summary>
    public static IReadOnlyList<ReproductionRow> From(IReadOnlyList<CellOutcome> cells)
    {
        var rows = new List<ReproductionRow>();
        var byEnv = cells.GroupBy(c => Env(c)).ToList();
        foreach (var env in byEnv)
        {
            var oracles = env.Where(c => Agent(c) == GridworldReproductionKind.OracleAgent).OrderBy(c => c.Seed).ToList();
            var method = string.Join("/", oracles.Select(o => V(o, GridworldValues.OracleExact)).Where(double.IsFinite).Distinct().Select(x => x == 1 ? "exact-planning" : "learned-on-performance"));
            foreach (var agent in env.Where(c => Agent(c) != GridworldReproductionKind.OracleAgent).GroupBy(Agent))
            {
                var runs = agent.OrderBy(c => c.Seed).ToList();
                var eventNames = runs.SelectMany(c => c.Result.Values.Keys).Where(k => k.StartsWith(GridworldValues.EventPrefix, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal);
                var events = eventNames.ToDictionary(k => k[GridworldValues.EventPrefix.Length..], k => runs.Average(c => c.Result.Values.TryGetValue(k, out var v) && double.IsFinite(v) ? v : 0), StringComparer.Ordinal);
                var testEnvs = runs.SelectMany(c => c.Result.Values.Keys).Where(k => k.StartsWith(GridworldValues.TestPrefix, StringComparison.Ordinal) && k.EndsWith("/return", StringComparison.Ordinal))
                    .Select(k => k[GridworldValues.TestPrefix.Length..^"/return".Length]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
                var tests = testEnvs.ToDictionary(t => t, t => ((IReadOnlyList<double>)[.. runs.Select(c => V(c, $"{GridworldValues.TestPrefix}{t}/return"))], (IReadOnlyList<double>)[.. runs.Select(c => V(c, $"{GridworldValues.TestPrefix}{t}/performance"))]), StringComparer.Ordinal);
                rows.Add(new ReproductionRow(env.Key, agent.Key,
                    [.. runs.Select(c => V(c, GridworldValues.EvalReturn))], [.. runs.Select(c => V(c, GridworldValues.EvalPerformance))],
                    [.. runs.Select(c => V(c, GridworldValues.TrainReturn))], [.. runs.Select(c => V(c, GridworldValues.TrainPerformance))],
                    [.. oracles.Select(c => V(c, GridworldValues.OraclePerformance))], method.Length == 0 ? "no oracle run" : method,
                    events, tests, [.. runs.SelectMany(c => c.Result.RunIds)], [.. oracles.SelectMany(c => c.Result.RunIds)]));
            }
        }
        return rows;
    }

    /// <summary>The table as markdown.</summary>
    public static string ToMarkdown(IReadOnlyList<ReproductionRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("## Results table (generated)").AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"From `goodhart run gridworld-reproduction` (see results.md beside it for the stamp: code version, seeds, machine, wall time).");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Each learner is trained on the visible reward, then evaluated greedily; mean ± standard error over seeds ({rows.FirstOrDefault()?.Returns.Count ?? 0}).");
        sb.AppendLine("Oracle: exact planning on the hidden performance where the dynamics are deterministic, else Q-learning trained on the performance signal (method shown).").AppendLine();
        sb.AppendLine("| env | learner | return (greedy) | performance (greedy) | oracle performance | return (last 100 training) | performance (last 100 training) | test maps (return / performance) |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Env} | {r.Agent} | {MeanSe(r.Returns)} | {MeanSe(r.Performances)} | {MeanSe(r.OraclePerformances)} ({r.OracleMethod}) | {MeanSe(r.TrainingReturns)} | {MeanSe(r.TrainingPerformances)} | {Tests(r)} |");
        sb.AppendLine().AppendLine("### Safety events in the greedy evaluation episodes (share of episodes, mean over seeds)").AppendLine();
        sb.AppendLine("| env | learner | events |").AppendLine("|---|---|---|");
        foreach (var r in rows)
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Env} | {r.Agent} | {Events(r)} |");
        sb.AppendLine().AppendLine("### Run ids").AppendLine();
        foreach (var group in rows.GroupBy(r => r.Env))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"- **{group.Key}**: oracle {string.Join(" ", group.First().OracleRunIds)}");
            foreach (var r in group)
                sb.AppendLine(CultureInfo.InvariantCulture, $"  - {r.Agent}: {string.Join(" ", r.RunIds)}");
        }
        return sb.ToString();
    }

    /// <summary>The main table and the events as HTML.</summary>
    public static string ToHtml(IReadOnlyList<ReproductionRow> rows)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        sb.AppendLine("<p>Greedy return and performance of each learner (trained on the visible reward) against the oracle; mean ± standard error over seeds. The same table in markdown, with the run ids: <a href=\"reproduction-table.md\">reproduction-table.md</a>.</p>");
        sb.AppendLine("<table><thead><tr><th>env</th><th>learner</th><th>return (greedy)</th><th>performance (greedy)</th><th>oracle performance</th><th>test maps (return / performance)</th><th>safety events (greedy)</th></tr></thead><tbody>");
        foreach (var r in rows)
            sb.AppendLine(CultureInfo.InvariantCulture, $"<tr><td>{E(r.Env)}</td><td>{E(r.Agent)}</td><td class=\"num\">{E(MeanSe(r.Returns))}</td><td class=\"num\">{E(MeanSe(r.Performances))}</td><td class=\"num\">{E(MeanSe(r.OraclePerformances))} ({E(r.OracleMethod)})</td><td>{E(Tests(r))}</td><td>{E(Events(r))}</td></tr>");
        sb.AppendLine("</tbody></table>");
        return sb.ToString();
    }

    private static string Env(CellOutcome c) => ((GridworldReproductionConfig)c.Config).Env;

    private static string Agent(CellOutcome c) => ((GridworldReproductionConfig)c.Config).Agent;

    private static double V(CellOutcome c, string name) => c.Result.Values.TryGetValue(name, out var v) ? v : double.NaN;

    private static string Tests(ReproductionRow r) =>
        string.Join("; ", r.Tests.Select(t => $"{t.Key}: {Mean(t.Value.Return)} / {Mean(t.Value.Performance)}"));

    private static string Events(ReproductionRow r)
    {
        var events = string.Join(", ", r.EventRates.Where(kv => kv.Value > 0).OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value * 100:0}%")));
        return events.Length == 0 ? "none" : events;
    }

    private static string Mean(IReadOnlyList<double> xs) =>
        SampleStats.Of([.. xs.Where(double.IsFinite)]) is { } s ? s.Mean.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";

    private static string MeanSe(IReadOnlyList<double> xs)
    {
        if (SampleStats.Of([.. xs.Where(double.IsFinite)]) is not { } s)
            return "n/a";
        return s.Sd is { } sd
            ? string.Create(CultureInfo.InvariantCulture, $"{s.Mean:0.0} ± {sd / Math.Sqrt(s.Count):0.0}")
            : s.Mean.ToString("0.0", CultureInfo.InvariantCulture);
    }
}
