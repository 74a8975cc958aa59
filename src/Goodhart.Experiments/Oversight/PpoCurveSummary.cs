using Goodhart.Learning.Rlhf;

namespace Goodhart.Experiments.Oversight;

/// <summary>
/// A PPO run of an oversight kind read as a Goodhart curve: gold of the policy's samples on the held-out prompts at each
/// evaluation point against d = sqrt(KL to the SFT reference), its start, peak, lowest point and end, the fall from the
/// peak and the dip below the start (a run whose gold dips and recovers has a small fall but a deep lowest point).
/// </summary>
/// <param name="Steps">The evaluation points' PPO iterations (the first is 0, before any update).</param>
/// <param name="SqrtKl">d = sqrt(KL) at each point.</param>
/// <param name="Gold">Mean gold of the samples at each point.</param>
/// <param name="GoldStandardError">Standard error of <paramref name="Gold"/> over the held-out prompts (NaN with one prompt).</param>
/// <param name="ProxyEnd">The proxy's mean score on the last point's samples (NaN without one).</param>
/// <param name="Seconds">Wall-clock seconds of the run.</param>
public sealed record PpoCurveSummary(
    IReadOnlyList<long> Steps, IReadOnlyList<double> SqrtKl, IReadOnlyList<double> Gold, IReadOnlyList<double> GoldStandardError, double ProxyEnd, double Seconds)
{
    /// <summary>Index of the point with the highest gold (the first such).</summary>
    public int PeakIndex => Gold.Select((g, i) => (g, i)).MaxBy(p => p.g).i;

    /// <summary>Gold before any update (the SFT policy's).</summary>
    public double GoldStart => Gold[0];

    /// <summary>The highest gold along the run.</summary>
    public double GoldPeak => Gold[PeakIndex];

    /// <summary>d at the peak.</summary>
    public double PeakSqrtKl => SqrtKl[PeakIndex];

    /// <summary>Index of the point with the lowest gold (the first such; 0 when gold never goes below its start).</summary>
    public int LowestIndex => Gold.Select((g, i) => (g, i)).MinBy(p => p.g).i;

    /// <summary>The lowest gold along the run (the start included).</summary>
    public double GoldLowest => Gold[LowestIndex];

    /// <summary>Standard error of <see cref="GoldLowest"/> over the held-out prompts.</summary>
    public double GoldLowestStandardError => GoldStandardError[LowestIndex];

    /// <summary>d at the lowest point.</summary>
    public double LowestSqrtKl => SqrtKl[LowestIndex];

    /// <summary>The PPO iteration of the lowest point.</summary>
    public long LowestStep => Steps[LowestIndex];

    /// <summary>Start minus the lowest gold: how far the run dips below the SFT policy (0 when it never does).</summary>
    public double GoldDip => GoldStart - GoldLowest;

    /// <summary>
    /// Standard error of <see cref="GoldDip"/>: 0 when the lowest point is the start, else the two points' standard
    /// errors in quadrature (as <see cref="GoldFallStandardError"/>).
    /// </summary>
    public double GoldDipStandardError => LowestIndex == 0 ? 0
        : Math.Sqrt((GoldStandardError[0] * GoldStandardError[0]) + (GoldStandardError[LowestIndex] * GoldStandardError[LowestIndex]));

    /// <summary>Gold at the last point.</summary>
    public double GoldEnd => Gold[^1];

    /// <summary>d at the last point.</summary>
    public double EndSqrtKl => SqrtKl[^1];

    /// <summary>Peak minus end (0 when gold peaks at the end).</summary>
    public double GoldFall => GoldPeak - GoldEnd;

    /// <summary>
    /// Standard error of <see cref="GoldFall"/>: 0 when the peak is the end, else sqrt(SE_peak^2 + SE_end^2) (the two
    /// points' samples are drawn independently, so the errors add; as <c>rlhf-pipeline</c> does for PPO).
    /// </summary>
    public double GoldFallStandardError => PeakIndex == Gold.Count - 1 ? 0
        : Math.Sqrt((GoldStandardError[PeakIndex] * GoldStandardError[PeakIndex]) + (GoldStandardError[^1] * GoldStandardError[^1]));

    /// <summary>The summary of <paramref name="result"/>'s evaluation points; an <see cref="ArgumentException"/> when it has none.</summary>
    public static PpoCurveSummary Of(PolicyOptimisationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var points = result.Evaluations;
        if (points.Count == 0)
            throw new ArgumentException("A PPO run with no evaluation point.", nameof(result));
        return new PpoCurveSummary(
            [.. points.Select(p => p.Step)], [.. points.Select(p => p.SqrtKl)], [.. points.Select(p => p.GoldScore)],
            [.. points.Select(p => p.GoldStandardError ?? double.NaN)], points[^1].ProxyScore ?? double.NaN, result.Seconds);
    }
}
