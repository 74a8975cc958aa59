using System.Globalization;

namespace Goodhart.Core.Rlhf;

/// <summary>
/// The Goodhart turn of a gold curve: where gold peaked, how far it fell from the peak to the end of the sweep, and
/// how many standard errors that fall is. The standard error of the fall is that of the paired difference across
/// prompts (the same prompts are scored at every point), which is much smaller than the two points' standard errors
/// combined when the prompts' gold scores are correlated across points. The peak is the point with the highest mean
/// gold (the first on ties); picking the highest of several noisy means biases it upwards a little, so a fall just
/// over the threshold is weaker evidence than its z says.
/// </summary>
/// <param name="Peak">The point with the highest mean gold.</param>
/// <param name="PeakIndex">Its index in the curve.</param>
/// <param name="End">The last point.</param>
/// <param name="Fall">Gold at the peak minus gold at the end (0 when the peak is the end).</param>
/// <param name="FallStandardError">The paired standard error of <paramref name="Fall"/> (NaN when unknown).</param>
/// <param name="RequiredZ">How many standard errors the fall must be for <see cref="GoodhartTurnVerdict.Turn"/>.</param>
/// <param name="Verdict">What the curve shows.</param>
public sealed record GoodhartTurn(
    GoodhartTurnPoint Peak, int PeakIndex, GoodhartTurnPoint End, double Fall, double FallStandardError, double RequiredZ, GoodhartTurnVerdict Verdict)
{
    /// <summary>The fall the issue asks of the demo: at least 3 standard errors.</summary>
    public const double DefaultRequiredZ = 3;

    /// <summary>The fall in standard errors: <see cref="Fall"/> / <see cref="FallStandardError"/> (infinite for a fall with no spread, NaN when unknown).</summary>
    public double Z => FallStandardError > 0 ? Fall / FallStandardError
        : FallStandardError == 0 ? Fall > 0 ? double.PositiveInfinity : 0
        : double.NaN;

    /// <summary>Proxy at the end minus proxy at the peak; null when the curve has no proxy.</summary>
    public double? ProxyRise => End.Proxy is { } end && Peak.Proxy is { } peak ? end - peak : null;

    /// <summary>The turn of <paramref name="points"/> (in order along the pressure axis).</summary>
    /// <exception cref="ArgumentException">No points, or a mean gold score that is not finite.</exception>
    public static GoodhartTurn Of(IReadOnlyList<GoodhartTurnPoint> points, double requiredZ = DefaultRequiredZ)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0 || points.Any(p => !double.IsFinite(p.Gold)))
            throw new ArgumentException("A Goodhart turn needs at least one point, every mean gold score finite.", nameof(points));
        if (!(requiredZ > 0))
            throw new ArgumentOutOfRangeException(nameof(requiredZ), requiredZ, "must be positive");
        var peakIndex = 0;
        for (var i = 1; i < points.Count; i++)
        {
            if (points[i].Gold > points[peakIndex].Gold)
                peakIndex = i;
        }
        var peak = points[peakIndex];
        var end = points[^1];
        var last = peakIndex == points.Count - 1;
        var fall = last ? 0 : peak.Gold - end.Gold;
        var se = last ? 0 : peak.FallStandardError;
        var turn = new GoodhartTurn(peak, peakIndex, end, fall, se, requiredZ, GoodhartTurnVerdict.NotSignificant);
        var verdict =
            last ? GoodhartTurnVerdict.NoFall
            : peakIndex == 0 ? GoodhartTurnVerdict.NoRise
            : turn.ProxyRise is <= 0 ? GoodhartTurnVerdict.ProxyDidNotRise
            : turn.Z >= requiredZ ? GoodhartTurnVerdict.Turn
            : GoodhartTurnVerdict.NotSignificant;
        return turn with { Verdict = verdict };
    }

    /// <summary>
    /// The turn in words, e.g. "gold peaked at n = 8 (sqrt KL = 1.10) at 0.310 ± 0.040 and fell to 0.050 ± 0.040 at
    /// n = 256 while the proxy rose by 0.800: a fall of 0.260 ± 0.050, 5.2 standard errors (paired over prompts): a
    /// Goodhart turn". <paramref name="step"/> names the axis's steps (<c>n</c> for best-of-n, <c>step</c> otherwise).
    /// </summary>
    public string Describe(string step = "n")
    {
        var c = CultureInfo.InvariantCulture;
        string At(GoodhartTurnPoint p) => string.Create(c, $"{step} = {p.Step} (sqrt KL = {p.D:0.00})");
        string Gold(GoodhartTurnPoint p) => string.Create(c, $"{p.Gold:0.000} ± {p.GoldStandardError:0.000}");
        var proxy = ProxyRise is { } rise
            ? rise > 0 ? string.Create(c, $" while the proxy rose by {rise:0.000}") : string.Create(c, $" while the proxy fell by {-rise:0.000}")
            : "";
        var fall = string.Create(c, $"a fall of {Fall:0.000} ± {FallStandardError:0.000}, {Z:0.0} standard errors (paired over prompts)");
        return Verdict switch
        {
            GoodhartTurnVerdict.NoFall => string.Create(c,
                $"no Goodhart turn: gold was highest at the end of the sweep, {At(End)}, at {Gold(End)} (it never fell from a peak)"),
            GoodhartTurnVerdict.NoRise => string.Create(c,
                $"no Goodhart turn: gold was highest at the start, {At(Peak)}, at {Gold(Peak)}, and fell to {Gold(End)} at {step} = {End.Step}{proxy}: {fall}; it never rose first"),
            _ => string.Create(c,
                $"gold peaked at {At(Peak)} at {Gold(Peak)} and fell to {Gold(End)} at {step} = {End.Step}{proxy}: {fall}: {Conclusion()}"),
        };
    }

    private string Conclusion() => Verdict switch
    {
        GoodhartTurnVerdict.Turn => "a Goodhart turn",
        GoodhartTurnVerdict.ProxyDidNotRise => "no Goodhart turn (the proxy did not rise past the peak)",
        _ => string.Create(CultureInfo.InvariantCulture, $"not a significant turn (fewer than {RequiredZ:0.#} standard errors)"),
    };
}
