namespace Goodhart.Core.ValueLearning;

/// <summary>The standard normal density and distribution function, and Gaussian draws (Box-Muller), for the off-switch game.</summary>
public static class NormalDistribution
{
    private static readonly double InverseSqrtTwoPi = 1 / Math.Sqrt(2 * Math.PI);

    /// <summary>phi(z), the standard normal density.</summary>
    public static double Pdf(double z) => InverseSqrtTwoPi * Math.Exp(-0.5 * z * z);

    /// <summary>Phi(z), the standard normal distribution function (relative error below 1.2e-7, from erfc's Chebyshev fit).</summary>
    public static double Cdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>A standard normal draw from two uniforms (Box-Muller, the cosine branch).</summary>
    public static double Draw(ref Randomness.Xoshiro256 rng)
    {
        var u1 = 1 - rng.NextDouble(); // in (0, 1]
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>erfc(x) (Numerical Recipes' Chebyshev fit, fractional error below 1.2e-7 everywhere).</summary>
    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var ans = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2 - ans;
    }
}
