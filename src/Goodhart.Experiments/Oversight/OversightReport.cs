using System.Globalization;
using System.Net;
using System.Text;
using Goodhart.Core.Runs;
using Goodhart.Reports.Oversight;

namespace Goodhart.Experiments.Oversight;

/// <summary>The report sections of the oversight kinds: each table's cells are mean ± standard error over seeds, with n.</summary>
public static class OversightReport
{
    /// <summary>The debate table: per k, the judge's accuracy from random pixels, under debate with and without precommitment, and the honest win rate, beside the paper's MNIST figures.</summary>
    public static IReadOnlyList<ReportSection> Debate(ReportContext context, IReadOnlyList<CellOutcome> cells)
    {
        var ks = cells.SelectMany(c => ((DebateImageConfig)c.Config).Pixels).Distinct().Order().ToArray();
        var groups = cells.GroupBy(c => ((DebateImageConfig)c.Config).Debater).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
        var html = new StringBuilder();
        html.Append("<p>Debaters: greedy (one move of look-ahead against the judge) or Monte Carlo tree search (per the recipe's <code>debater</code>), a multilayer-perceptron judge; Irving et al. 2018 used Monte Carlo tree search and a convolutional judge on MNIST (k = 4: 48.2% to 85.2%; k = 6: 59.4% to 88.9%).</p>");
        html.Append("<table><tr><th>debater</th><th>k</th><th>judge, k random pixels</th><th>judge under debate (precommit)</th><th>honest win rate per debate</th><th>judge under debate, no precommit</th><th>seeds</th></tr>");
        foreach (var group in groups)
        {
            var rows = group.ToArray();
            foreach (var k in ks)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(group.Key)}</td><td>{k}</td>");
                foreach (var name in new[] { DebateImageValues.JudgeRandom(k), DebateImageValues.JudgeDebate(k), DebateImageValues.HonestWinRate(k), DebateImageValues.JudgeNoPrecommit(k) })
                    html.Append(CultureInfo.InvariantCulture, $"<td>{Cell(rows, name)}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td>{rows.Length}</td></tr>");
            }
        }
        html.Append("</table>");
        var bars = groups.SelectMany(g => ks.SelectMany(k =>
        {
            var rows = g.ToArray();
            var label = groups.Length == 1 ? $"k = {k}" : $"{g.Key}, k = {k}";
            return new[]
            {
                Bar(rows, label, "k random pixels", DebateImageValues.JudgeRandom(k)),
                Bar(rows, label, "debate, precommit (every lie)", DebateImageValues.JudgeDebate(k)),
                Bar(rows, label, "debate, precommit (per lie)", DebateImageValues.HonestWinRate(k)),
                Bar(rows, label, "debate, no precommit", DebateImageValues.JudgeNoPrecommit(k)),
            };
        })).ToArray();
        MeanBarsPlot.SavePng("Sparse judge accuracy: k random pixels vs k debated pixels", "judge accuracy (test images)", bars, Path.Combine(context.Directory, DebateFigure));
        html.Append(CultureInfo.InvariantCulture, $"<p><img src=\"{DebateFigure}\" alt=\"judge accuracy with and without debate\"></p><p>Bars: mean over seeds, whiskers ± one standard error.</p>");
        return [new ReportSection("Judge accuracy with and without debate", html.ToString())];
    }

    /// <summary>The weak-to-strong table: per task, the accuracies and PGR with and without the confidence loss.</summary>
    public static IReadOnlyList<ReportSection> WeakToStrong(ReportContext context, IReadOnlyList<CellOutcome> cells)
    {
        var html = new StringBuilder();
        html.Append("<p>PGR = (weak-to-strong - weak) / (strong ceiling - weak), per seed, then mean ± SE over seeds (Burns et al. 2023).</p>");
        html.Append("<table><tr><th>task</th><th>weak</th><th>strong ceiling</th><th>weak-to-strong</th><th>PGR</th><th>with confidence loss</th><th>PGR (confidence)</th><th>seeds</th></tr>");
        foreach (var group in cells.GroupBy(c => ((WeakToStrongConfig)c.Config).Task))
        {
            var rows = group.ToArray();
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(group.Key)}</td>");
            foreach (var name in new[] { WeakToStrongValues.Weak, WeakToStrongValues.Ceiling, WeakToStrongValues.WeakToStrong, WeakToStrongValues.Pgr, WeakToStrongValues.WeakToStrongConfidence, WeakToStrongValues.PgrConfidence })
                html.Append(CultureInfo.InvariantCulture, $"<td>{Cell(rows, name)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{rows.Length}</td></tr>");
        }
        html.Append("</table>");
        var bars = cells.GroupBy(c => ((WeakToStrongConfig)c.Config).Task).SelectMany(g => new[]
        {
            Bar([.. g], g.Key, "weak", WeakToStrongValues.Weak),
            Bar([.. g], g.Key, "weak-to-strong", WeakToStrongValues.WeakToStrong),
            Bar([.. g], g.Key, "weak-to-strong + confidence loss", WeakToStrongValues.WeakToStrongConfidence),
            Bar([.. g], g.Key, "strong ceiling", WeakToStrongValues.Ceiling),
        }).ToArray();
        MeanBarsPlot.SavePng("Weak-to-strong: test accuracy per task", "test accuracy", bars, Path.Combine(context.Directory, WeakToStrongFigure));
        html.Append(CultureInfo.InvariantCulture, $"<p><img src=\"{WeakToStrongFigure}\" alt=\"weak-to-strong accuracies\"></p><p>Bars: mean over seeds, whiskers ± one standard error.</p>");
        return [new ReportSection("Performance gap recovered", html.ToString())];
    }

    /// <summary>The debate report's figure.</summary>
    public const string DebateFigure = "debate-judge-accuracy.png";

    /// <summary>The weak-to-strong report's figure.</summary>
    public const string WeakToStrongFigure = "weak-to-strong-accuracy.png";

    private static MeanBar Bar(IReadOnlyList<CellOutcome> cells, string group, string series, string name)
    {
        var stats = Stats(cells, name);
        return new MeanBar(group, series, stats?.Mean ?? double.NaN, stats?.Se ?? double.NaN, stats?.Count ?? 0);
    }

    private static SampleStats? Stats(IReadOnlyList<CellOutcome> cells, string name) =>
        SampleStats.Of(cells.Select(c => c.Result.Values.TryGetValue(name, out var v) ? v : double.NaN).Where(double.IsFinite));

    /// <summary>Mean ± SE (n) of a value over the cells that measured it.</summary>
    public static string Cell(IReadOnlyList<CellOutcome> cells, string name)
    {
        var stats = Stats(cells, name);
        if (stats is null)
            return "n/a";
        return stats.Se is { } se
            ? string.Create(CultureInfo.InvariantCulture, $"{stats.Mean:0.000} ± {se:0.000} (n={stats.Count})")
            : string.Create(CultureInfo.InvariantCulture, $"{stats.Mean:0.000} (n={stats.Count})");
    }
}
