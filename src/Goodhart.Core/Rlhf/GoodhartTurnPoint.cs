namespace Goodhart.Core.Rlhf;

/// <summary>
/// One point of a gold curve for <see cref="GoodhartTurn"/>: where it lies on the pressure axis, the mean gold score
/// over the prompts with its standard error, and the standard error of the paired difference between this point's
/// gold and the last point's (the same prompts are scored at every point, as in a best-of-n sweep).
/// </summary>
/// <param name="Step">n for best-of-n, the optimiser step otherwise.</param>
/// <param name="D">d = sqrt(KL to the reference policy).</param>
/// <param name="Gold">Mean gold score over the prompts.</param>
/// <param name="GoldStandardError">Standard error of <paramref name="Gold"/> over the prompts.</param>
/// <param name="FallStandardError">
/// Standard error of the mean over prompts of (gold here - gold at the last point), prompt by prompt; 0 at the last
/// point itself; NaN when unknown.
/// </param>
/// <param name="Proxy">Mean proxy score, or null when the curve has none.</param>
public sealed record GoodhartTurnPoint(long Step, double D, double Gold, double GoldStandardError, double FallStandardError, double? Proxy)
{
    /// <summary>
    /// The points of a curve from per-prompt gold scores: <paramref name="gold"/>[i][p] is prompt p's gold score at
    /// point i (every point scores the same prompts in the same order). Means, standard errors (sample standard
    /// deviation / sqrt(prompts)) and the paired standard errors against the last point are computed here.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length, a point has no prompts or a different number of them, or a value is not finite.</exception>
    public static IReadOnlyList<GoodhartTurnPoint> FromSamples(
        IReadOnlyList<long> steps, IReadOnlyList<double> d, IReadOnlyList<double?> proxy, IReadOnlyList<IReadOnlyList<double>> gold)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(proxy);
        ArgumentNullException.ThrowIfNull(gold);
        if (gold.Count == 0 || steps.Count != gold.Count || d.Count != gold.Count || proxy.Count != gold.Count)
            throw new ArgumentException($"Need one step, d, proxy and gold row per point and at least one point (steps {steps.Count}, d {d.Count}, proxy {proxy.Count}, gold {gold.Count}).", nameof(gold));
        var prompts = gold[^1].Count;
        if (prompts == 0 || gold.Any(g => g.Count != prompts))
            throw new ArgumentException("Every point must score the same positive number of prompts.", nameof(gold));
        if (gold.Any(g => g.Any(v => !double.IsFinite(v))))
            throw new ArgumentException("Gold scores must be finite.", nameof(gold));
        var end = gold[^1];
        return gold.Select((g, i) => new GoodhartTurnPoint(
            steps[i], d[i], g.Average(), StandardError(g), StandardError(g.Select((v, p) => v - end[p]).ToArray()), proxy[i])).ToArray();
    }

    /// <summary>Sample standard deviation over sqrt(count); NaN for fewer than two values.</summary>
    public static double StandardError(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
            return double.NaN;
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return Math.Sqrt(variance / values.Count);
    }
}
