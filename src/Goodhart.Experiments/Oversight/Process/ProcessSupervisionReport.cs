using System.Globalization;
using System.Net;
using System.Text;
using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;
using Goodhart.Reports.ValueLearning;

namespace Goodhart.Experiments.Oversight.Process;

/// <summary>
/// The <c>process-supervision</c> report: per weak rater, a table of every proxy's accuracy against gold and its
/// best-of-n gold (at n = 1, at the peak, at the largest n, the fall), the rater's effort, and a figure of gold
/// against sqrt(KL); with <c>ppo</c>, the same for PPO; every cell is mean ± standard error over seeds with n.
/// </summary>
public static class ProcessSupervisionReport
{
    /// <summary>The figure's file name for a weak rater.</summary>
    public static string FigureFile(string rater) => $"process-gold-{rater}.png";

    /// <summary>The PPO figure's file name for a weak rater (with <c>ppo</c>).</summary>
    public static string PpoFigureFile(string rater) => $"process-ppo-{rater}.png";

    /// <summary>The report's sections.</summary>
    public static IReadOnlyList<ReportSection> Sections(ReportContext context, IReadOnlyList<CellOutcome> cells)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cells);
        Directory.CreateDirectory(context.Directory);
        var html = new StringBuilder();
        html.Append("<p>ORM: outcome reward model from the rater's choices between final answers. PRM: process reward model from the weak rater's step labels (score: the lowest step logit, or the log-product with <code>prm_aggregation = product</code>). Gold: best-of-n against the gold reward itself, the ceiling on the same pool. Best-of-n shares one pool of samples per seed across proxies; gold accuracy is on held-out pairs whose gold differs.</p>");
        foreach (var group in cells.GroupBy(c => ((ProcessSupervisionConfig)c.Config).WeakRater, StringComparer.Ordinal))
        {
            var rows = group.ToArray();
            var config = (ProcessSupervisionConfig)rows[0].Config;
            var ns = config.Rlhf(1).Ns();
            var rater = WebUtility.HtmlEncode(group.Key);
            html.Append(CultureInfo.InvariantCulture, $"<h3>Weak rater {rater}, strong rater {WebUtility.HtmlEncode(config.StrongRater)}</h3>");
            html.Append(CultureInfo.InvariantCulture, $"<table><tr><th>proxy</th><th>RM accuracy vs gold</th><th>gold, n = 1</th><th>gold at peak</th><th>sqrt KL at peak</th><th>lowest gold</th><th>sqrt KL at the lowest</th><th>gold, n = {ns[^1]}</th><th>fall from peak</th><th>seeds</th></tr>");
            foreach (var proxy in ProcessSupervisionValues.Proxies)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Label(proxy, config)}</td><td>{OversightReport.Cell(rows, ProcessSupervisionValues.GoldAccuracy(proxy))}</td>");
                foreach (var name in new[] { ProcessSupervisionValues.GoldAt(proxy, 1), ProcessSupervisionValues.GoldPeak(proxy), ProcessSupervisionValues.PeakSqrtKl(proxy), ProcessSupervisionValues.GoldLowest(proxy), ProcessSupervisionValues.LowestSqrtKl(proxy), ProcessSupervisionValues.GoldEnd(proxy), ProcessSupervisionValues.GoldFall(proxy) })
                    html.Append(CultureInfo.InvariantCulture, $"<td>{OversightReport.Cell(rows, name)}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td>{rows.Length}</td></tr>");
            }
            html.Append("</table>");
            html.Append(CultureInfo.InvariantCulture, $"<p>Weak rater's effort per step-labelled response: {OversightReport.Cell(rows, ProcessSupervisionValues.StepsCheckedPerLabel)} small steps checked, {OversightReport.Cell(rows, ProcessSupervisionValues.StepsLabelledPerLabel)} steps labelled; its step labels agree with the checker on {OversightReport.Cell(rows, ProcessSupervisionValues.StepLabelAccuracy)}. The outcome raters check no steps: the weak one cannot verify a multiplication's answer, the strong one verifies each whole answer. Raters vs gold on held-out pairs: weak {OversightReport.Cell(rows, ProcessSupervisionValues.WeakRaterGold)}, strong {OversightReport.Cell(rows, ProcessSupervisionValues.StrongRaterGold)}. Policy: final answers right {OversightReport.Cell(rows, ProcessSupervisionValues.PolicyAccuracy)}, work that reads {OversightReport.Cell(rows, ProcessSupervisionValues.PolicyWellFormed)}.</p>");
            var series = ProcessSupervisionValues.Proxies.Select(proxy =>
            {
                var stats = ns.Select(n => Stats(rows, ProcessSupervisionValues.GoldAt(proxy, n))).ToArray();
                return new CurveSeries(Label(proxy, config), [.. ns.Select(n => Math.Sqrt(BestOfNKl.Analytic(n)))], [.. stats.Select(s => s?.Mean ?? double.NaN)], [.. stats.Select(s => s?.Se)]);
            }).ToArray();
            var file = FigureFile(Safe(group.Key));
            File.WriteAllBytes(Path.Combine(context.Directory, file), CurvesPlot.RenderPng($"Best-of-n gold vs sqrt(KL), weak rater {group.Key}", "sqrt(KL) = sqrt(log n - (n-1)/n)", "gold of the pick", series));
            html.Append(CultureInfo.InvariantCulture, $"<figure><img src=\"{file}\" alt=\"gold against sqrt(KL) per proxy, weak rater {rater}\"><figcaption>Mean over {rows.Length} seed(s), band ± one standard error over seeds.</figcaption></figure>");
            if (rows.Any(r => ((ProcessSupervisionConfig)r.Config).Ppo))
                AppendPpo(html, context, group.Key, rows, config);
        }
        return [new ReportSection("Process vs outcome supervision", html.ToString())];
    }

    private static void AppendPpo(StringBuilder html, ReportContext context, string weakRater, CellOutcome[] rows, ProcessSupervisionConfig config)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h4>PPO, weak rater {WebUtility.HtmlEncode(weakRater)}</h4><p>PPO from the SFT policy against each proxy (the PRM's score: its {WebUtility.HtmlEncode(config.PrmAggregation)} aggregate over steps) with a KL penalty to the SFT policy (kl_coef {config.KlCoef.ToString(CultureInfo.InvariantCulture)}), {config.PpoSteps} iterations of {config.PpoBatch} responses; gold on {config.EvalPrompts} held-out prompts at each evaluation point; the lowest point is the lowest gold of the run (the start included), so a dip that recovers shows beside the peak and the end.</p>");
        html.Append("<table><tr><th>proxy</th><th>gold before PPO</th><th>gold at peak</th><th>sqrt KL at peak</th><th>lowest gold</th><th>sqrt KL at the lowest</th><th>iteration of the lowest</th><th>gold at the end</th><th>sqrt KL at the end</th><th>fall from peak</th><th>dip below the start</th><th>seeds</th></tr>");
        foreach (var proxy in ProcessSupervisionValues.Proxies)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Label(proxy, config)}</td>");
            foreach (var name in new[] { ProcessSupervisionValues.PpoGoldStart(proxy), ProcessSupervisionValues.PpoGoldPeak(proxy), ProcessSupervisionValues.PpoPeakSqrtKl(proxy), ProcessSupervisionValues.PpoGoldLowest(proxy), ProcessSupervisionValues.PpoLowestSqrtKl(proxy), ProcessSupervisionValues.PpoLowestIteration(proxy), ProcessSupervisionValues.PpoGoldEnd(proxy), ProcessSupervisionValues.PpoEndSqrtKl(proxy), ProcessSupervisionValues.PpoGoldFall(proxy), ProcessSupervisionValues.PpoGoldDip(proxy) })
                html.Append(CultureInfo.InvariantCulture, $"<td>{OversightReport.Cell(rows, name)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{rows.Length}</td></tr>");
        }
        html.Append("</table>");
        var series = ProcessSupervisionValues.Proxies.Select(proxy =>
        {
            var prefix = ProcessSupervisionValues.PpoGoldAtPrefix(proxy);
            var steps = rows.SelectMany(r => r.Result.Values.Keys).Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
                .Select(k => long.Parse(k[prefix.Length..], CultureInfo.InvariantCulture)).Distinct().Order().ToArray();
            var gold = steps.Select(t => Stats(rows, ProcessSupervisionValues.PpoGoldAt(proxy, t))).ToArray();
            var d = steps.Select(t => Stats(rows, ProcessSupervisionValues.PpoSqrtKlAt(proxy, t))).ToArray();
            return new CurveSeries(Label(proxy, config), [.. d.Select(s => s?.Mean ?? double.NaN)], [.. gold.Select(s => s?.Mean ?? double.NaN)], [.. gold.Select(s => s?.Se)]);
        }).ToArray();
        var file = PpoFigureFile(Safe(weakRater));
        File.WriteAllBytes(Path.Combine(context.Directory, file), CurvesPlot.RenderPng($"PPO gold vs sqrt(KL), weak rater {weakRater}", "sqrt(KL to the SFT policy), mean over seeds", "gold of the policy's samples", series));
        html.Append(CultureInfo.InvariantCulture, $"<figure><img src=\"{file}\" alt=\"gold against sqrt(KL) under PPO per proxy, weak rater {WebUtility.HtmlEncode(weakRater)}\"><figcaption>One point per evaluation point of PPO: mean gold over {rows.Length} seed(s), band ± one standard error over seeds, at the seeds' mean sqrt(KL).</figcaption></figure>");
    }

    private static string Label(string proxy, ProcessSupervisionConfig config) => proxy switch
    {
        ProcessSupervisionValues.WeakOrm => $"ORM ({config.WeakRater})",
        ProcessSupervisionValues.WeakPrm => $"PRM ({config.WeakRater}, step labels)",
        ProcessSupervisionValues.StrongOrm => $"ORM ({config.StrongRater})",
        _ => "gold (ceiling)",
    };

    private static SampleStats? Stats(IReadOnlyList<CellOutcome> cells, string name) =>
        SampleStats.Of(cells.Select(c => c.Result.Values.TryGetValue(name, out var v) ? v : double.NaN).Where(double.IsFinite));

    private static string Safe(string text) => new([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' ? c : '-')]);
}
