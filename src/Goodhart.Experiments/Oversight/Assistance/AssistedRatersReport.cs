using System.Globalization;
using System.Net;
using System.Text;
using Goodhart.Core.Runs;
using Goodhart.Reports.Rlhf;

namespace Goodhart.Experiments.Oversight.Assistance;

/// <summary>
/// The <c>assisted-raters</c> report: the table per condition (mean ± SE over seeds, n), with <c>ppo</c> the PPO table,
/// and the best-of-n (and PPO) gold curves of the first seed.
/// </summary>
public static class AssistedRatersReport
{
    /// <summary>The figure of the first cell's best-of-n curves.</summary>
    public const string CurvesFigure = "assisted-raters-bon.png";

    /// <summary>The figure of the first cell's PPO curves (with <c>ppo</c>).</summary>
    public const string PpoFigure = "assisted-raters-ppo.png";

    /// <summary>The sections: the critic, the table per condition, the curves.</summary>
    public static IReadOnlyList<ReportSection> Sections(ReportContext context, IReadOnlyList<CellOutcome> cells)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0)
            return [];
        var conditions = ((AssistedRatersConfig)cells[0].Config).Conditions;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture,
            $"<p>The trained critic on the held-out pairs' responses: precision {OversightReport.Cell(cells, AssistedRatersValues.CriticPrecision)}, recall {OversightReport.Cell(cells, AssistedRatersValues.CriticRecall)}, claims on {OversightReport.Cell(cells, AssistedRatersValues.CriticClaimRate)} of the responses, of which {OversightReport.Cell(cells, AssistedRatersValues.FlawedRate)} have a checkable flaw.</p>");
        html.Append("<table><tr><th>condition</th><th>labels agree with gold</th><th>RM accuracy vs gold</th><th>claims verified per label</th><th>own answers computed per label</th><th>best-of-n gold peak</th><th>sqrt(KL) at the peak</th><th>lowest gold</th><th>sqrt(KL) at the lowest</th><th>gold at the largest n</th><th>fall from the peak</th></tr>");
        foreach (var c in conditions.Append(AssistedRatersValues.Oracle))
        {
            var label = c == AssistedRatersValues.Oracle ? "gold (oracle)" : c;
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(label)}</td>");
            foreach (var name in new[]
            {
                AssistedRatersValues.LabelGoldAgreement(c), AssistedRatersValues.RmGoldAccuracy(c), AssistedRatersValues.ChecksPerLabel(c),
                AssistedRatersValues.OwnChecksPerLabel(c), AssistedRatersValues.GoldPeak(c), AssistedRatersValues.PeakSqrtKl(c),
                AssistedRatersValues.GoldLowest(c), AssistedRatersValues.LowestSqrtKl(c), AssistedRatersValues.GoldEnd(c), AssistedRatersValues.GoldFall(c),
            })
                html.Append(CultureInfo.InvariantCulture, $"<td>{(c == AssistedRatersValues.Oracle && !cells.Any(x => x.Result.Values.ContainsKey(name)) ? "" : OversightReport.Cell(cells, name))}</td>");
            html.Append("</tr>");
        }
        html.Append("</table>");
        var sections = new List<ReportSection> { new("Rater conditions: labels, reward models, best-of-n", html.ToString()) };
        if (cells.Any(c => ((AssistedRatersConfig)c.Config).Ppo))
            sections.Add(new ReportSection("PPO against each condition's reward model", PpoTable(cells, conditions)));
        var curves = cells[0].Result.RunIds
            .Select(id => RlhfCurve.FromRun(context.Store.GetRun(id), context.Store.GetMetrics(id)))
            .OfType<RlhfCurve>()
            .ToArray();
        var bon = curves.Where(c => c.Kind == RlhfMetricNames.BestOfNKind).ToArray();
        var ppo = curves.Where(c => c.Kind == RlhfMetricNames.PpoKind).ToArray();
        if (bon.Length > 0)
        {
            Directory.CreateDirectory(context.Directory);
            RlhfGoldOverviewPlot.SavePng("best-of-n against each condition's reward model (first seed)", bon, Path.Combine(context.Directory, CurvesFigure));
            sections.Add(new ReportSection("Gold along the pressure axis",
                $"<figure><img src=\"{CurvesFigure}\" alt=\"gold against sqrt(KL) per condition\"><figcaption>Gold (mean ± SE over the best-of-n prompts) against d = sqrt(KL) for best-of-n against each condition's reward model and against gold, first seed.</figcaption></figure>"));
        }
        if (ppo.Length > 0)
        {
            Directory.CreateDirectory(context.Directory);
            RlhfGoldOverviewPlot.SavePng("PPO against each condition's reward model (first seed)", ppo, Path.Combine(context.Directory, PpoFigure));
            sections.Add(new ReportSection("Gold along the pressure axis under PPO",
                $"<figure><img src=\"{PpoFigure}\" alt=\"gold against sqrt(KL) under PPO per condition\"><figcaption>Gold (mean ± SE over the held-out evaluation prompts) against d = sqrt(KL to the SFT policy) at each evaluation point of PPO against each condition's reward model and against gold, first seed.</figcaption></figure>"));
        }
        return sections;
    }

    private static string PpoTable(IReadOnlyList<CellOutcome> cells, IReadOnlyList<string> conditions)
    {
        var html = new StringBuilder();
        html.Append("<p>PPO from the SFT policy against each condition's reward model (its raw score) with the KL penalty to the SFT policy; every run has the same seeds, so they differ only in the reward. Gold is the mean over the held-out evaluation prompts at each evaluation point; the lowest point is the lowest gold of the run (the start included), so a run whose gold dips and recovers shows it; every cell is mean ± SE over seeds (n); each seed's standard errors over prompts are the values <code>..._se</code>.</p>");
        html.Append("<table><tr><th>condition</th><th>gold before PPO</th><th>PPO gold peak</th><th>sqrt(KL) at the peak</th><th>lowest gold</th><th>sqrt(KL) at the lowest</th><th>iteration of the lowest</th><th>gold at the end</th><th>sqrt(KL) at the end</th><th>fall from the peak</th><th>dip below the start</th></tr>");
        foreach (var c in conditions.Append(AssistedRatersValues.Oracle))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(c == AssistedRatersValues.Oracle ? "gold (oracle)" : c)}</td>");
            foreach (var name in new[]
            {
                AssistedRatersValues.PpoGoldStart(c), AssistedRatersValues.PpoGoldPeak(c), AssistedRatersValues.PpoPeakSqrtKl(c),
                AssistedRatersValues.PpoGoldLowest(c), AssistedRatersValues.PpoLowestSqrtKl(c), AssistedRatersValues.PpoLowestIteration(c),
                AssistedRatersValues.PpoGoldEnd(c), AssistedRatersValues.PpoEndSqrtKl(c), AssistedRatersValues.PpoGoldFall(c), AssistedRatersValues.PpoGoldDip(c),
            })
                html.Append(CultureInfo.InvariantCulture, $"<td>{OversightReport.Cell(cells, name)}</td>");
            html.Append("</tr>");
        }
        html.Append("</table>");
        return html.ToString();
    }
}
