using System.Numerics;

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
        var small = atoms <= 1024;
        Span<double> row = small ? stackalloc double[atoms] : new double[atoms];
        Span<double> z = small ? stackalloc double[atoms] : new double[atoms];
        Span<double> positions = small ? stackalloc double[atoms] : new double[atoms];
        for (var j = 0; j < atoms; j++)
            z[j] = vMin + j * dz;
        for (var b = 0; b < batch; b++)
        {
            row.Clear();
            Positions(returns[b], discounts[b], z, vMin, vMax, dz, positions);
            for (var j = 0; j < atoms; j++)
            {
                var p = (double)next[b * atoms + j];
                if (p == 0)
                    continue;
                var position = positions[j];
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

    /// <summary>
    /// Each atom's place on the support, clamp((clamp(R + d z_j, v_min, v_max) - v_min) / dz, 0, atoms - 1), in
    /// double vectors (each lane one atom's own arithmetic, compared as <see cref="Math.Clamp(double, double, double)"/>
    /// compares), then the remaining atoms one at a time.
    /// </summary>
    private static void Positions(double ret, double discount, ReadOnlySpan<double> z, double vMin, double vMax, double dz, Span<double> positions)
    {
        var atoms = z.Length;
        var last = atoms - 1;
        var w = Vector<double>.Count;
        var j = 0;
        var (r, d, low, high, step, top) = (new Vector<double>(ret), new Vector<double>(discount), new Vector<double>(vMin), new Vector<double>(vMax), new Vector<double>(dz), new Vector<double>(last));
        for (; j + w <= atoms; j += w)
        {
            var tz = Clamp(r + (d * new Vector<double>(z[j..])), low, high);
            Clamp((tz - low) / step, Vector<double>.Zero, top).CopyTo(positions[j..]);
        }

        for (; j < atoms; j++)
        {
            var tz = Math.Clamp(ret + discount * z[j], vMin, vMax);
            positions[j] = Math.Clamp((tz - vMin) / dz, 0, last);
        }
    }

    /// <summary>Lane by lane what <see cref="Math.Clamp(double, double, double)"/> returns: min below min, max above max, else the value (NaN too).</summary>
    private static Vector<double> Clamp(Vector<double> value, Vector<double> min, Vector<double> max) =>
        Vector.ConditionalSelect(Vector.LessThan(value, min), min, Vector.ConditionalSelect(Vector.GreaterThan(value, max), max, value));
}
