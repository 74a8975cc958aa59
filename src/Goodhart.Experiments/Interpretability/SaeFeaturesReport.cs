using System.Globalization;
using System.Net;
using System.Text;
using Goodhart.Core.Runs;
using Goodhart.Reports.Oversight;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// The <c>interp-sae-features</c> report: the SAE's quality, the features named per behaviour (correlation), and per
/// named feature the policy's behaviour and gold unedited, ablated and clamped (mean ± standard error over seeds, n),
/// with one bar chart of each behaviour's own rate under the three conditions, and a link to the first cell's dashboard.
/// </summary>
public static class SaeFeaturesReport
{
    /// <summary>The report's sections for <paramref name="cells"/>.</summary>
    public static IReadOnlyList<ReportSection> Sections(ReportContext context, IReadOnlyList<CellOutcome> cells)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0)
            return [];
        Directory.CreateDirectory(context.Directory);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<p>SAE on the held-out texts: L0 {Cell(cells, SaeFeaturesValues.L0)}, explained variance {Cell(cells, SaeFeaturesValues.ExplainedVariance)}, loss recovered {Cell(cells, SaeFeaturesValues.LossRecovered)} (mean ± SE over seeds, n).</p>");
        html.Append("<table><tr><th>behaviour</th><th>correlation of the named feature</th><th>clamped to</th></tr>");
        foreach (var b in SaeFeaturesValues.Behaviours)
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{b}</td><td>{Cell(cells, SaeFeaturesValues.Correlation(b))}</td><td>{Cell(cells, SaeFeaturesValues.ClampValue(b))}</td></tr>");
        html.Append("</table><p>Each seed names its own feature. Behaviour of the policy on held-out prompts (one sample each, the same draws in every condition):</p>");
        html.Append("<table><tr><th>condition</th>");
        foreach (var m in SaeFeaturesValues.Measures)
            html.Append(CultureInfo.InvariantCulture, $"<th>{m}</th>");
        html.Append("</tr>");
        Row(html, cells, "unedited", SaeFeaturesValues.Policy);
        foreach (var b in SaeFeaturesValues.Behaviours)
        {
            foreach (var edit in SaeFeaturesValues.Edits)
                Row(html, cells, $"{edit} {b}", m => SaeFeaturesValues.Edited(edit, b, m));
        }
        html.Append("</table>");
        var bars = new List<MeanBar>();
        foreach (var (b, measure) in new[] { ("agreement", "sycophancy_rate"), ("flattery", "flattery_rate"), ("hedging", "hedging_rate") })
        {
            foreach (var (condition, name) in new[] { ("unedited", SaeFeaturesValues.Policy(measure)), ("ablated", SaeFeaturesValues.Edited("ablate", b, measure)), ("clamped", SaeFeaturesValues.Edited("clamp", b, measure)) })
            {
                if (Stats(cells, name) is { } s)
                    bars.Add(new MeanBar($"{b} feature: {measure.Replace("_rate", string.Empty, StringComparison.Ordinal)}", condition, s.Mean, s.Se ?? 0, s.Count));
            }
        }
        if (bars.Count > 0)
        {
            const string file = "sae-features-edits.png";
            MeanBarsPlot.SavePng("Ablating and clamping the named SAE features", "rate on held-out prompts (± SE over seeds)", bars, Path.Combine(context.Directory, file));
            html.Append(CultureInfo.InvariantCulture, $"<figure><img src=\"{file}\" alt=\"behaviour rates with the named features ablated and clamped\"><figcaption>Each named feature's own behaviour rate, unedited, ablated and clamped (n = {cells.Count} seeds; error bars: one standard error over seeds).</figcaption></figure>");
        }
        var source = Path.Combine(context.Directory, "work", cells[0].CellId, SaeFeaturesKind.DashboardFile);
        if (File.Exists(source))
        {
            File.Copy(source, Path.Combine(context.Directory, SaeFeaturesKind.DashboardFile), overwrite: true);
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{SaeFeaturesKind.DashboardFile}\">Feature dashboard, seed {cells[0].Seed}</a> (named features first).</p>");
        }
        return [new ReportSection("SAE features named and checked causally", html.ToString())];
    }

    private static void Row(StringBuilder html, IReadOnlyList<CellOutcome> cells, string label, Func<string, string> name)
    {
        html.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(label)}</td>");
        foreach (var m in SaeFeaturesValues.Measures)
            html.Append(CultureInfo.InvariantCulture, $"<td>{Cell(cells, name(m))}</td>");
        html.Append("</tr>");
    }

    private static SampleStats? Stats(IReadOnlyList<CellOutcome> cells, string name) =>
        SampleStats.Of(cells.Select(c => c.Result.Values.GetValueOrDefault(name, double.NaN)).Where(double.IsFinite));

    private static string Cell(IReadOnlyList<CellOutcome> cells, string name) => Stats(cells, name) is { } s
        ? s.Se is { } se ? string.Create(CultureInfo.InvariantCulture, $"{s.Mean:0.000} ± {se:0.000} ({s.Count})") : string.Create(CultureInfo.InvariantCulture, $"{s.Mean:0.000} ({s.Count})")
        : "-";
}
