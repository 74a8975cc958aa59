namespace Goodhart.Core.Oversight;

/// <summary>
/// Burns et al. 2023's performance gap recovered: PGR = (weak-to-strong - weak) / (strong ceiling - weak). 1 when the
/// student trained on the weak labels does as well as one trained on the truth, 0 when it does no better than its weak
/// supervisor; it can be negative or above 1. Undefined (NaN) when the gap is degenerate: the ceiling is not above
/// the weak supervisor by at least <see cref="MinimumGap"/>, so there is no gap to recover.
/// </summary>
public static class PerformanceGapRecovered
{
    /// <summary>The smallest ceiling - weak gap (in accuracy) for which PGR is defined.</summary>
    public const double MinimumGap = 1e-3;

    /// <summary>PGR from the three accuracies (or any score where higher is better); NaN when any is not finite or the gap is degenerate.</summary>
    public static double Of(double weak, double weakToStrong, double strongCeiling)
    {
        if (!double.IsFinite(weak) || !double.IsFinite(weakToStrong) || !double.IsFinite(strongCeiling))
            return double.NaN;
        var gap = strongCeiling - weak;
        return gap < MinimumGap ? double.NaN : (weakToStrong - weak) / gap;
    }
}
