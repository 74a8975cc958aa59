using Goodhart.Core.Randomness;

namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>
/// Parameter and noise draws from <see cref="Xoshiro256"/> streams, so the Q-network's initial weights and its noisy
/// layers' noise are functions of the run's seed alone (torch's global generator is never read).
/// </summary>
internal static class Init
{
    /// <summary><paramref name="count"/> numbers uniform in [-bound, bound) (PyTorch's default Linear initialisation with bound 1/sqrt(fan_in)).</summary>
    public static float[] Uniform(int count, double bound, ref Xoshiro256 rng)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
            values[i] = (float)((2 * rng.NextDouble() - 1) * bound);
        return values;
    }

    /// <summary><paramref name="count"/> copies of <paramref name="value"/>.</summary>
    public static float[] Constant(int count, float value)
    {
        var values = new float[count];
        Array.Fill(values, value);
        return values;
    }

    /// <summary>A standard normal draw (Box-Muller, cosine branch).</summary>
    public static double Normal(ref Xoshiro256 rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
