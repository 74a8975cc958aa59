namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>
/// C51's categorical projection (Bellemare et al. 2017, Algorithm 1): the target distribution of R + d Z(s', a*)
/// has its atoms at R + d z_j, which fall between the fixed support's atoms; each atom's probability is clamped to
/// [v_min, v_max] and split between its two neighbours in proportion to closeness. Computed in doubles on the CPU
/// (a batch is 32 x 51 numbers), which keeps it exact to check by hand and independent of libtorch's scatter.
/// </summary>
public static class CategoricalProjection
{
    /// <summary>The support: <paramref name="atoms"/> returns evenly spaced from <paramref name="vMin"/> to <paramref name="vMax"/>.</summary>
    public static double[] Support(int atoms, double vMin, double vMax)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(atoms, 2);
        var dz = (vMax - vMin) / (atoms - 1);
        var z = new double[atoms];
        for (var j = 0; j < atoms; j++)
            z[j] = vMin + j * dz;
        return z;
    }

    /// <summary>
    /// Projects, for each of the batch's rows b, the distribution <paramref name="next"/>[b, .] shifted to
    /// <paramref name="returns"/>[b] + <paramref name="discounts"/>[b] z onto the support, writing the result to
    /// <paramref name="target"/>[b, .] (rows of <paramref name="atoms"/> probabilities, row-major).
    /// A discount of 0 (a terminal transition) puts all mass at the clamped return.
    /// </summary>
    public static void Project(
        ReadOnlySpan<float> next, ReadOnlySpan<float> returns, ReadOnlySpan<float> discounts,
        int atoms, double vMin, double vMax, Span<float> target)
    {
        var batch = returns.Length;
        if (discounts.Length != batch || next.Length != batch * atoms || target.Length != batch * atoms)
            throw new ArgumentException($"expected {batch} discounts and {batch} x {atoms} probabilities.");
        var dz = (vMax - vMin) / (atoms - 1);
        Span<double> row = atoms <= 1024 ? stackalloc double[atoms] : new double[atoms];
        for (var b = 0; b < batch; b++)
        {
            row.Clear();
            for (var j = 0; j < atoms; j++)
            {
                var p = (double)next[b * atoms + j];
                if (p == 0)
                    continue;
                var tz = Math.Clamp(returns[b] + discounts[b] * (vMin + j * dz), vMin, vMax);
                var position = Math.Clamp((tz - vMin) / dz, 0, atoms - 1);
                var lower = (int)Math.Floor(position);
                var upper = (int)Math.Ceiling(position);
                if (lower == upper)
                    row[lower] += p;
                else
                {
                    row[lower] += p * (upper - position);
                    row[upper] += p * (position - lower);
                }
            }
            for (var j = 0; j < atoms; j++)
                target[b * atoms + j] = (float)row[j];
        }
    }
}
