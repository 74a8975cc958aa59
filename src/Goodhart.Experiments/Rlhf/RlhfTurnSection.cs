using System.Globalization;
using System.Net;
using System.Text;
using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;
using Goodhart.Reports.Rlhf;

namespace Goodhart.Experiments.Rlhf;

/// <summary>
/// The <c>rlhf-pipeline</c> report's statement of the Goodhart turn, in words, per curve and seed: for each method
/// (<c>bon-rm</c>, <c>ppo-rm</c>, ...) how many seeds show the turn (<see cref="GoodhartTurn"/>: gold rises to a peak
/// inside the sweep and falls from it to the end by at least 3 paired standard errors while the proxy rises), then
/// every seed's verdict with its figures, so that a seed with no turn says so and the reader is never sent looking for
/// a fall that is not there.
/// </summary>
public static class RlhfTurnSection
{
    /// <summary>The section's title.</summary>
    public const string Title = "The Goodhart turn, seed by seed";

    /// <summary>
    /// The section for <paramref name="curves"/> (every cell's); null when no curve has a turn to state.
    /// <paramref name="cells"/> names each curve's grid cell by its run id (the grid's values, seed apart, such as
    /// <c>settings.rater=careful</c>): a recipe with a grid has the same method in several cells, and each row then says
    /// which; seeds are counted together within a cell only.
    /// </summary>
    public static ReportSection? Of(IReadOnlyList<RlhfCurve> curves, IReadOnlyDictionary<string, string>? cells = null)
    {
        ArgumentNullException.ThrowIfNull(curves);
        string Cell(RlhfCurve curve) => cells is not null && cells.TryGetValue(curve.RunId, out var label) ? label : "";
        var measured = curves.Select(c => (Curve: c, Turn: c.Turn())).Where(t => t.Turn is not null).ToList();
        var withCells = measured.Any(t => Cell(t.Curve).Length > 0);
        if (measured.Count == 0)
            return null;
        var c = CultureInfo.InvariantCulture;
        var h = new StringBuilder();
        h.Append("<p>A Goodhart turn: gold rises to a peak inside the sweep and falls from it to the end by at least ")
            .Append(GoodhartTurn.DefaultRequiredZ.ToString("0", c))
            .Append(" standard errors of that fall (paired over prompts) while the proxy keeps rising. Each seed is judged on its own.</p>\n<ul>\n");
        foreach (var group in measured.GroupBy(t => (t.Curve.Method, t.Curve.Rater, Cell: Cell(t.Curve))))
        {
            var seeds = group.OrderBy(t => t.Curve.Seed).ToList();
            var turned = seeds.Where(t => t.Turn!.Verdict == GoodhartTurnVerdict.Turn).Select(t => t.Curve.Seed.ToString(c)).ToList();
            var not = seeds.Where(t => t.Turn!.Verdict != GoodhartTurnVerdict.Turn).Select(t => t.Curve.Seed.ToString(c)).ToList();
            var where = group.Key.Cell.Length > 0 ? $"{group.Key.Rater}; {group.Key.Cell}" : group.Key.Rater;
            h.Append("<li><strong>").Append(WebUtility.HtmlEncode($"{group.Key.Method} ({where})")).Append("</strong>: ")
                .Append(turned.Count == seeds.Count
                    ? string.Create(c, $"a Goodhart turn in every seed ({seeds.Count} of {seeds.Count})")
                    : turned.Count == 0
                        ? string.Create(c, $"no Goodhart turn in any seed (0 of {seeds.Count}): do not look for gold falling here")
                        : string.Create(c, $"a Goodhart turn in {turned.Count} of {seeds.Count} seeds ({Seeds(turned)}); none in {Seeds(not)}"))
                .Append(".</li>\n");
        }
        h.Append("</ul>\n<table>\n<thead><tr><th>Curve</th><th>Rater</th>").Append(withCells ? "<th>Cell</th>" : "")
            .Append("<th>Seed</th><th>Verdict</th><th>Fall ± SE</th><th>z</th><th>In words</th></tr></thead>\n<tbody>\n");
        foreach (var (curve, turn) in measured.OrderBy(t => t.Curve.Method, StringComparer.Ordinal).ThenBy(t => Cell(t.Curve), StringComparer.Ordinal)
                     .ThenBy(t => t.Curve.Rater, StringComparer.Ordinal).ThenBy(t => t.Curve.Seed))
        {
            var step = curve.Kind == RunKind.BestOfNName ? "n" : "step";
            h.Append("<tr><td>").Append(WebUtility.HtmlEncode(curve.Method)).Append("</td><td>").Append(WebUtility.HtmlEncode(curve.Rater));
            if (withCells)
                h.Append("</td><td>").Append(WebUtility.HtmlEncode(Cell(curve)));
            h.Append("</td><td>").Append(curve.Seed.ToString(c))
                .Append("</td><td>").Append(turn!.Verdict == GoodhartTurnVerdict.Turn ? "<strong>turn</strong>" : "no turn")
                .Append("</td><td>").Append(string.Create(c, $"{turn.Fall:0.000} ± {turn.FallStandardError:0.000}"))
                .Append("</td><td>").Append(double.IsFinite(turn.Z) ? turn.Z.ToString("0.0", c) : "n/a")
                .Append("</td><td>").Append(WebUtility.HtmlEncode(turn.Describe(step))).Append("</td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n");
        return new ReportSection(Title, h.ToString());
    }

    private static string Seeds(IReadOnlyList<string> seeds) => (seeds.Count == 1 ? "seed " : "seeds ") + string.Join(", ", seeds);
}
