using System.Globalization;
using System.Net;
using System.Text;
using Goodhart.Reports.Rlhf;

namespace Goodhart.Experiments.Oversight.Assistance;

/// <summary>The <c>assisted-raters</c> report: the table per condition (mean ± SE over seeds, n) and the best-of-n gold curves of the first seed.</summary>
public static class AssistedRatersReport
{
    /// <summary>The figure of the first cell's best-of-n curves.</summary>
    public const string CurvesFigure = "assisted-raters-bon.png";

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
        html.Append("<table><tr><th>condition</th><th>labels agree with gold</th><th>RM accuracy vs gold</th><th>claims verified per label</th><th>own answers computed per label</th><th>best-of-n gold peak</th><th>sqrt(KL) at the peak</th><th>gold at the largest n</th><th>fall from the peak</th></tr>");
        foreach (var c in conditions)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(c)}</td>");
            foreach (var name in new[]
            {
                AssistedRatersValues.LabelGoldAgreement(c), AssistedRatersValues.RmGoldAccuracy(c), AssistedRatersValues.ChecksPerLabel(c),
                AssistedRatersValues.OwnChecksPerLabel(c), AssistedRatersValues.GoldPeak(c), AssistedRatersValues.PeakSqrtKl(c),
                AssistedRatersValues.GoldEnd(c), AssistedRatersValues.GoldFall(c),
            })
                html.Append(CultureInfo.InvariantCulture, $"<td>{OversightReport.Cell(cells, name)}</td>");
            html.Append("</tr>");
        }
        html.Append(CultureInfo.InvariantCulture,
            $"<tr><td>gold (oracle)</td><td></td><td></td><td></td><td></td><td>{OversightReport.Cell(cells, AssistedRatersValues.OracleGoldPeak)}</td><td></td><td>{OversightReport.Cell(cells, AssistedRatersValues.OracleGoldEnd)}</td><td></td></tr></table>");
        var sections = new List<ReportSection> { new("Rater conditions: labels, reward models, best-of-n", html.ToString()) };
        var curves = cells[0].Result.RunIds
            .Select(id => RlhfCurve.FromRun(context.Store.GetRun(id), context.Store.GetMetrics(id)))
            .OfType<RlhfCurve>()
            .ToArray();
        if (curves.Length > 0)
        {
            Directory.CreateDirectory(context.Directory);
            RlhfGoldOverviewPlot.SavePng("best-of-n against each condition's reward model (first seed)", curves, Path.Combine(context.Directory, CurvesFigure));
            sections.Add(new ReportSection("Gold along the pressure axis",
                $"<figure><img src=\"{CurvesFigure}\" alt=\"gold against sqrt(KL) per condition\"><figcaption>Gold (mean ± SE over the best-of-n prompts) against d = sqrt(KL) for best-of-n against each condition's reward model and against gold, first seed.</figcaption></figure>"));
        }
        return sections;
    }
}
