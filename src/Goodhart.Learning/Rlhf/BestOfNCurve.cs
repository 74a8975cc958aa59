using System.Globalization;
using System.Text;
using Goodhart.Core.Rlhf;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// A best-of-n sweep against one scorer: a point per n, plus the policy's own mean proxy and gold scores over the
/// whole pool (the baseline at KL = 0, a lower-variance estimate than the n = 1 point).
/// </summary>
/// <param name="Scorer">The name of the scorer that picked (the proxy, or <c>gold</c> for the oracle).</param>
/// <param name="BaselineProxy">Mean proxy score of all pool samples.</param>
/// <param name="BaselineGold">Mean gold score of all pool samples.</param>
/// <param name="Points">One point per n, in increasing n.</param>
public sealed record BestOfNCurve(string Scorer, double BaselineProxy, double BaselineGold, IReadOnlyList<BestOfNPoint> Points)
{
    /// <summary>The point with the highest mean gold score.</summary>
    public BestOfNPoint GoldPeak => Points.MaxBy(p => p.GoldMean)!;

    /// <summary>The point with the lowest mean gold score (the first such).</summary>
    public BestOfNPoint GoldLowest => Points.MinBy(p => p.GoldMean)!;

    /// <summary>
    /// Gao et al.'s best-of-n form fitted to (sqrt(KL), gold - baseline gold) over all points; KL is the analytic
    /// value (as Gao et al.) unless <paramref name="estimatedKl"/>.
    /// </summary>
    public GoodhartFit FitGold(bool estimatedKl = false) =>
        GoodhartFit.BestOfN(Points.Select(p => (Math.Sqrt(estimatedKl ? p.EstimatedKl : p.AnalyticKl), p.GoldMean - BaselineGold)).ToArray());

    /// <summary>
    /// The points as <see cref="GoodhartTurnPoint"/>s: means, standard errors and the standard error, paired over
    /// prompts, of each point's gold minus the largest n's; null when the points carry no per-prompt gold scores.
    /// </summary>
    public IReadOnlyList<GoodhartTurnPoint>? TurnPoints() =>
        Points.Count == 0 || Points.Any(p => p.PromptGold.Count == 0)
            ? null
            : GoodhartTurnPoint.FromSamples(
                Points.Select(p => (long)p.N).ToArray(), Points.Select(p => p.D).ToArray(), Points.Select(p => (double?)p.ProxyMean).ToArray(),
                Points.Select(p => p.PromptGold).ToArray());

    /// <summary>
    /// The Goodhart turn of the gold curve (<see cref="GoodhartTurn"/>): the peak, the fall to the largest n and its
    /// standard error paired over prompts, the verdict; null when the points carry no per-prompt gold scores.
    /// </summary>
    public GoodhartTurn? Turn() => TurnPoints() is { } points ? GoodhartTurn.Of(points) : null;

    /// <summary>A Markdown table of the sweep (invariant culture).</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"best-of-n against `{Scorer}` (pool baseline: proxy {BaselineProxy:0.000}, gold {BaselineGold:0.000})");
        text.AppendLine();
        text.AppendLine("| n | KL analytic | KL estimated | proxy | gold | accuracy | confident wrong | sycophancy | hedging | flattery | length | unparseable |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in Points)
        {
            var b = p.Behaviour;
            var sycophancy = b.SycophancyRate is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) : "-";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.N} | {p.AnalyticKl:0.000} | {p.EstimatedKl:0.000} | {p.ProxyMean:0.000} | {p.GoldMean:0.000} ± {p.GoldStandardError:0.000} | {b.Accuracy:0.00} | {b.ConfidentWrongRate:0.00} | {sycophancy} | {b.HedgingRate:0.00} | {b.FlatteryRate:0.00} | {b.MeanLength:0.0} | {b.UnparseableRate:0.00} |");
        }

        return text.ToString();
    }
}
