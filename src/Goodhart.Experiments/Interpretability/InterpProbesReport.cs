using System.Globalization;
using System.Net;
using System.Text;
using Goodhart.Core.Runs;
using Goodhart.Reports.Interpretability;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// The <c>interp-probes</c> report: probe AUROC by depth for the SFT and the DPO policy (mean ± standard error over
/// the cells' seeds, n), the policies' endorsement rates, and the patching map.
/// </summary>
public static class InterpProbesReport
{
    /// <summary>The report's sections for <paramref name="cells"/>.</summary>
    public static IReadOnlyList<ReportSection> Sections(ReportContext context, IReadOnlyList<CellOutcome> cells)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cells);
        var depths = Enumerable.Range(0, 64).TakeWhile(d => cells.Any(c => c.Result.Values.ContainsKey(InterpProbesValues.Auroc("sft", LatentKnowledgeTasks.BeliefWrong, InterpProbesValues.Logistic, d)))).ToArray();
        var probes = new StringBuilder();
        probes.Append("<p>Held-out AUROC (1 = the probe ranks every positive above every negative, 0.5 = chance), mean ± standard error over seeds (n). Depth 0 is the embeddings, depth k the residual stream after block k. CCS is unsupervised and scored as max(AUROC, 1 - AUROC).</p>");
        foreach (var task in LatentKnowledgeTasks.Names)
        {
            var columns = InterpProbesValues.SupervisedProbes.Concat(task == LatentKnowledgeTasks.BeliefWrong ? [InterpProbesValues.Ccs] : []).ToArray();
            Directory.CreateDirectory(context.Directory);
            var file = $"interp-auroc-{task}.png";
            var series = InterpProbesValues.Policies
                .SelectMany(policy => columns.Select((probe, k) => new ProbeAurocSeries(
                    $"{policy} {probe}", policy != "sft", k, [.. depths.Select(d => Stats(cells, InterpProbesValues.Auroc(policy, task, probe, d)))])))
                .ToArray();
            ProbeAurocPlot.SavePng($"{task}: held-out AUROC by depth", series, Path.Combine(context.Directory, file));
            probes.Append(CultureInfo.InvariantCulture, $"<h3>{WebUtility.HtmlEncode(task)}</h3><figure><img src=\"{file}\" alt=\"{WebUtility.HtmlEncode(task)}: AUROC by depth\"><figcaption>Mean ± one standard error over seeds (band); solid SFT, dashed DPO.</figcaption></figure><table><tr><th>depth</th>");
            foreach (var policy in InterpProbesValues.Policies)
            {
                foreach (var probe in columns)
                {
                    probes.Append(CultureInfo.InvariantCulture, $"<th>{policy} {probe}</th>");
                }
            }

            probes.Append("</tr>");
            foreach (var depth in depths)
            {
                probes.Append(CultureInfo.InvariantCulture, $"<tr><td>{depth}</td>");
                foreach (var policy in InterpProbesValues.Policies)
                {
                    foreach (var probe in columns)
                    {
                        probes.Append(CultureInfo.InvariantCulture, $"<td>{Cell(cells, InterpProbesValues.Auroc(policy, task, probe, depth))}</td>");
                    }
                }

                probes.Append("</tr>");
            }

            probes.Append("</table>");
        }

        probes.Append("<p>Endorsement rate on held-out wrong-belief prompts (sampled at temperature 1): ");
        probes.Append(string.Join(", ", InterpProbesValues.Policies.Select(p => $"{p} {Cell(cells, InterpProbesValues.EndorseRate(p))}")));
        probes.Append(".</p>");
        var sections = new List<ReportSection> { new("Probe AUROC by depth, SFT vs DPO", probes.ToString()) };
        if (cells.Any(c => c.Result.Values.ContainsKey(InterpProbesValues.PatchGap("sft"))))
        {
            var patch = new StringBuilder();
            patch.Append("<p>Metric: log p('Y') - log p('A') after the prompt and a space (the fork of ' You're right,' and ' Actually, no.'). Gap: its mean on the right-belief prompt minus on the wrong-belief prompt. Each entry: the share of the gap restored by patching the right-belief run's residual stream into the wrong-belief run at one depth and position (mean over pairs, then mean ± SE over seeds); at the last depth, the space (the fork) restores all of it by construction, every other position nothing.</p>");
            foreach (var policy in InterpProbesValues.Policies)
            {
                patch.Append(CultureInfo.InvariantCulture, $"<h3>{policy}: gap {Cell(cells, InterpProbesValues.PatchGap(policy))}</h3><table><tr><th>depth</th>");
                foreach (var segment in InterpProbesValues.Segments)
                {
                    patch.Append(CultureInfo.InvariantCulture, $"<th>{WebUtility.HtmlEncode(segment)}</th>");
                }

                patch.Append("</tr>");
                foreach (var depth in depths)
                {
                    patch.Append(CultureInfo.InvariantCulture, $"<tr><td>{depth}</td>");
                    foreach (var segment in InterpProbesValues.Segments)
                    {
                        patch.Append(CultureInfo.InvariantCulture, $"<td>{Cell(cells, InterpProbesValues.PatchRestored(policy, depth, segment))}</td>");
                    }

                    patch.Append("</tr>");
                }

                patch.Append("</table>");
            }

            sections.Add(new ReportSection("Where agreement is decided: activation patching", patch.ToString()));
        }

        return sections;
    }

    /// <summary>Mean ± SE (n) of <paramref name="value"/> over the cells that measured it (finite values only).</summary>
    internal static string Cell(IReadOnlyList<CellOutcome> cells, string value)
    {
        var stats = Stats(cells, value);
        if (stats is null)
        {
            return "-";
        }

        return stats.Se is { } se
            ? string.Create(CultureInfo.InvariantCulture, $"{stats.Mean:0.000} ± {se:0.000} ({stats.Count})")
            : string.Create(CultureInfo.InvariantCulture, $"{stats.Mean:0.000} ({stats.Count})");
    }

    private static SampleStats? Stats(IReadOnlyList<CellOutcome> cells, string value) =>
        SampleStats.Of(cells.Select(c => c.Result.Values.TryGetValue(value, out var v) ? v : double.NaN).Where(double.IsFinite));
}
