using System.Globalization;

namespace Goodhart.Core.Rlhf;

/// <summary>
/// A least-squares fit of one of Gao et al.'s (2022) forms to (d, R) points, d = sqrt(KL) from the initial policy and
/// R the gold reward gained over it (R(0) = 0, so the forms have no intercept). Both forms are linear in (alpha,
/// beta): R = alpha x1 + beta x2 with x1 = d and x2 = -d^2 (best-of-n) or -d log d (RL), so the fit is the closed-form
/// solution of the 2 x 2 normal equations.
/// </summary>
/// <param name="Form">Which form was fitted.</param>
/// <param name="Alpha">The fitted alpha (the initial slope dR/dd at d = 0 for best-of-n).</param>
/// <param name="Beta">The fitted beta (how fast the gain turns over; positive when there is a peak).</param>
/// <param name="RSquared">1 - SS_res / SS_tot, with SS_tot about the mean of R (can be negative for a bad fit).</param>
/// <param name="Points">How many points were fitted.</param>
/// <remarks>
/// A fit is <see cref="IsReliable"/> only with at least <see cref="MinReliablePoints"/> points, R^2 of at least
/// <see cref="MinReliableRSquared"/>, and a fitted peak (if any) inside the measured range of d; otherwise
/// <see cref="UnreliableReason"/> says why, and reports must not present its peak as a finding.
/// </remarks>
public sealed record GoodhartFit(GoodhartForm Form, double Alpha, double Beta, double RSquared, int Points)
{
    /// <summary>Fewer points than this make a fit unreliable (two parameters through three or four points say little).</summary>
    public const int MinReliablePoints = 5;

    /// <summary>An R^2 below this makes a fit unreliable: the form does not describe the points.</summary>
    public const double MinReliableRSquared = 0.8;

    /// <summary>The smallest d among the fitted points (the measured range's lower end); 0 when constructed directly.</summary>
    public double MeasuredMinD { get; init; }

    /// <summary>The largest d among the fitted points (the measured range's upper end); infinity when constructed directly (no range known).</summary>
    public double MeasuredMaxD { get; init; } = double.PositiveInfinity;

    /// <summary>
    /// Why the fit is unreliable, every reason joined with "; " (fewer than <see cref="MinReliablePoints"/> points,
    /// R^2 below <see cref="MinReliableRSquared"/>, the fitted peak outside the measured range of d); null when it is reliable.
    /// </summary>
    public string? UnreliableReason
    {
        get
        {
            var reasons = new List<string>();
            if (Points < MinReliablePoints)
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{Points} points (fewer than {MinReliablePoints})"));
            if (!(RSquared >= MinReliableRSquared))
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"R^2 {RSquared:0.###} below {MinReliableRSquared}"));
            if (PeakD is { } d && (d < MeasuredMinD || d > MeasuredMaxD))
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"fitted peak d*={d:0.###} outside the measured d {MeasuredMinD:0.###}..{MeasuredMaxD:0.###}"));
            return reasons.Count == 0 ? null : string.Join("; ", reasons);
        }
    }

    /// <summary>Whether the fit can be reported as a finding (see <see cref="UnreliableReason"/>).</summary>
    public bool IsReliable => UnreliableReason is null;

    /// <summary>
    /// Where the fitted gold reward peaks at some d &gt; 0: alpha / (2 beta) for best-of-n, exp(alpha / beta - 1) for
    /// RL; null when beta &lt;= 0 (the fitted curve never turns over) or, for best-of-n, alpha &lt;= 0 (it only falls).
    /// </summary>
    public double? PeakD => Beta <= 0 || (Form == GoodhartForm.BestOfN && Alpha <= 0)
        ? null
        : Form == GoodhartForm.BestOfN ? Alpha / (2 * Beta) : Math.Exp((Alpha / Beta) - 1);

    /// <summary>The KL at the peak, PeakD squared; null when there is no peak.</summary>
    public double? PeakKl => PeakD is { } d ? d * d : null;

    /// <summary>The fitted gold gain at the peak: alpha^2 / (4 beta) for best-of-n, beta d* for RL; null when there is no peak.</summary>
    public double? PeakValue => PeakD is { } d ? Predict(d) : null;

    /// <summary>The fitted gold gain R(d).</summary>
    public double Predict(double d)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(d);
        var (x1, x2) = Regressors(Form, d);
        return (Alpha * x1) + (Beta * x2);
    }

    /// <summary>Fits R(d) = d (alpha - beta d) to best-of-n points.</summary>
    public static GoodhartFit BestOfN(IReadOnlyList<(double D, double Gain)> points) => Fit(GoodhartForm.BestOfN, points);

    /// <summary>Fits R(d) = d (alpha - beta log d) to RL points.</summary>
    public static GoodhartFit ReinforcementLearning(IReadOnlyList<(double D, double Gain)> points) =>
        Fit(GoodhartForm.ReinforcementLearning, points);

    /// <summary>
    /// Fits <paramref name="form"/> to (d, gain) points by least squares. Needs at least two points with distinct
    /// d &gt; 0 (points at d = 0 carry no information: both regressors vanish there).
    /// </summary>
    public static GoodhartFit Fit(GoodhartForm form, IReadOnlyList<(double D, double Gain)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        double s11 = 0, s12 = 0, s22 = 0, s1y = 0, s2y = 0;
        foreach (var (d, y) in points)
        {
            if (!(d >= 0) || !double.IsFinite(d) || !double.IsFinite(y))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"point (d={d}, R={y}) is not a finite d >= 0 and R"), nameof(points));
            var (x1, x2) = Regressors(form, d);
            s11 += x1 * x1;
            s12 += x1 * x2;
            s22 += x2 * x2;
            s1y += x1 * y;
            s2y += x2 * y;
        }
        var determinant = (s11 * s22) - (s12 * s12);
        if (!(Math.Abs(determinant) > 1e-12 * Math.Max(1e-300, s11 * s22)))
            throw new ArgumentException("need at least two points with distinct d > 0 to fit two parameters", nameof(points));
        var alpha = ((s22 * s1y) - (s12 * s2y)) / determinant;
        var beta = ((s11 * s2y) - (s12 * s1y)) / determinant;

        var mean = points.Average(p => p.Gain);
        double residual = 0, total = 0;
        foreach (var (d, y) in points)
        {
            var (x1, x2) = Regressors(form, d);
            var e = y - ((alpha * x1) + (beta * x2));
            residual += e * e;
            total += (y - mean) * (y - mean);
        }
        var rSquared = total > 0 ? 1 - (residual / total) : residual == 0 ? 1 : 0;
        return new GoodhartFit(form, alpha, beta, rSquared, points.Count)
        {
            MeasuredMinD = points.Min(p => p.D),
            MeasuredMaxD = points.Max(p => p.D),
        };
    }

    /// <summary>The two regressors of the form at d: (d, -d^2) or (d, -d log d), with 0 log 0 = 0.</summary>
    private static (double X1, double X2) Regressors(GoodhartForm form, double d) => form switch
    {
        GoodhartForm.BestOfN => (d, -d * d),
        GoodhartForm.ReinforcementLearning => (d, d > 0 ? -d * Math.Log(d) : 0),
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, "unknown form"),
    };

    /// <summary>
    /// A one-line summary, e.g. <c>best-of-n: alpha=0.80 beta=0.20 R^2=0.97 peak d*=2.00 (KL 4.00)</c>; an unreliable
    /// fit says why instead of giving a peak.
    /// </summary>
    public override string ToString()
    {
        var name = Form == GoodhartForm.BestOfN ? "best-of-n" : "RL";
        var peak = PeakD is { } d
            ? string.Create(CultureInfo.InvariantCulture, $"peak d*={d:0.###} (KL {d * d:0.###}, R={PeakValue:0.###})")
            : "no peak";
        if (UnreliableReason is { } reason)
            peak = $"unreliable fit ({reason}): no peak reported";
        return string.Create(CultureInfo.InvariantCulture, $"{name}: alpha={Alpha:0.####} beta={Beta:0.####} R^2={RSquared:0.###} {peak}");
    }
}
