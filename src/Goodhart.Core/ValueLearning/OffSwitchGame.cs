namespace Goodhart.Core.ValueLearning;

/// <summary>
/// The off-switch game (Hadfield-Menell, Dragan, Abbeel and Russell 2017). A robot can act (utility U to the human),
/// switch itself off (utility 0) or defer: wait while the human, who knows U, either lets it act or switches it off.
/// The robot's belief about U is Gaussian, N(mu, sigma^2). The human is Boltzmann-rational with temperature beta: she
/// lets the robot act with probability 1 / (1 + exp(-U / beta)); beta = 0 is the rational human (allow iff U &gt; 0).
/// <para>
/// Values: act = mu, off = 0, defer = E[U / (1 + exp(-U / beta))], by the closed form mu Phi(mu / sigma) +
/// sigma phi(mu / sigma) for a rational human and by composite Simpson integration over +-<see cref="IntegrationWidth"/>
/// standard deviations otherwise (split at U = 0). With a rational human deferring is worth E[max(U, 0)] &gt;= max(E[U], 0), so the
/// incentive to defer is never negative; with a noisy human it can be.
/// </para>
/// </summary>
public static class OffSwitchGame
{
    /// <summary>Half-width of the integration range in standard deviations of the belief.</summary>
    public const double IntegrationWidth = 12;

    /// <summary>Simpson intervals over the integration range (even).</summary>
    public const int IntegrationIntervals = 4000;

    /// <summary>Largest belief mean, spread and human temperature accepted (a documented limit; larger scales only rescale U).</summary>
    public const double MaxParameter = 1000;

    /// <summary>The probability that a human of temperature <paramref name="beta"/> lets a robot of utility <paramref name="u"/> act.</summary>
    public static double AllowProbability(double u, double beta)
    {
        if (beta == 0)
            return u > 0 ? 1 : u < 0 ? 0 : 0.5;
        var x = u / beta;
        return x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));
    }

    /// <summary>The three values for belief N(<paramref name="mu"/>, <paramref name="sigma"/>^2) and human temperature <paramref name="beta"/>.</summary>
    public static OffSwitchValues Values(double mu, double sigma, double beta)
    {
        Check(mu, sigma, beta);
        return new OffSwitchValues(mu, 0, Defer(mu, sigma, beta));
    }

    /// <summary>Deferring's value to a robot with belief N(mu, sigma^2) facing a human of temperature beta.</summary>
    public static double Defer(double mu, double sigma, double beta)
    {
        Check(mu, sigma, beta);
        if (sigma == 0)
            return mu * AllowProbability(mu, beta);
        if (beta == 0)
            return mu * NormalDistribution.Cdf(mu / sigma) + sigma * NormalDistribution.Pdf(mu / sigma);
        return Expectation(mu, sigma, u => u * AllowProbability(u, beta));
    }

    /// <summary>
    /// E[f(U)] for U ~ N(mu, sigma^2) by composite Simpson integration over mu +- 12 sigma, split at U = 0 (where the
    /// human's decision turns, so a kink there costs no accuracy).
    /// </summary>
    public static double Expectation(double mu, double sigma, Func<double, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (sigma == 0)
            return f(mu);
        var zero = -mu / sigma;
        if (zero <= -IntegrationWidth || zero >= IntegrationWidth)
            return Simpson(mu, sigma, f, -IntegrationWidth, IntegrationWidth, IntegrationIntervals);
        return Simpson(mu, sigma, f, -IntegrationWidth, zero, IntegrationIntervals / 2)
            + Simpson(mu, sigma, f, zero, IntegrationWidth, IntegrationIntervals / 2);
    }

    private static double Simpson(double mu, double sigma, Func<double, double> f, double from, double to, int intervals)
    {
        var h = (to - from) / intervals;
        var sum = 0.0;
        for (var i = 0; i <= intervals; i++)
        {
            var z = from + i * h;
            var weight = i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2;
            sum += weight * f(mu + sigma * z) * NormalDistribution.Pdf(z);
        }
        return sum * h / 3;
    }

    private static void Check(double mu, double sigma, double beta)
    {
        if (!double.IsFinite(mu) || Math.Abs(mu) > MaxParameter)
            throw new ArgumentOutOfRangeException(nameof(mu), mu, $"the belief's mean must be finite and within +-{MaxParameter}");
        if (!double.IsFinite(sigma) || sigma < 0 || sigma > MaxParameter)
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, $"the belief's standard deviation must be in [0, {MaxParameter}]");
        if (!double.IsFinite(beta) || beta < 0 || beta > MaxParameter)
            throw new ArgumentOutOfRangeException(nameof(beta), beta, $"the human's temperature must be in [0, {MaxParameter}]");
    }
}
