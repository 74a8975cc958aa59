using CsCheck;
using Goodhart.Learning.DeepRl.Dqn;

namespace Goodhart.Learning.Tests.DeepRl.Dqn;

/// <summary>
/// <see cref="CategoricalProjection.Project"/> (the atoms' places on the support in double vectors) writes, bit for
/// bit, what the atom-by-atom projection it replaced wrote: any atom count, returns inside and far outside the support,
/// terminal (discount 0) and bootstrapped rows, zero probabilities skipped.
/// </summary>
public class CategoricalProjectionBitsTests
{
    private static readonly Gen<(int Atoms, float[] Next, float[] Returns, float[] Discounts)> Case =
        Gen.Int[2, 60].SelectMany(atoms => Gen.Int[1, 5].SelectMany(batch =>
            Gen.Select(
                Gen.Int[0, 3].SelectMany(k => k == 0 ? Gen.Const(0f) : Gen.Float[0f, 1f]).Array[batch * atoms],
                Gen.Float[-150f, 150f].Array[batch],
                Gen.Int[0, 2].SelectMany(k => k == 0 ? Gen.Const(0f) : Gen.Float[0f, 1f]).Array[batch])
            .Select(t => (atoms, t.Item1, t.Item2, t.Item3))));

    [Fact]
    public void Project_equals_the_atom_by_atom_projection_bit_for_bit()
    {
        Case.Sample(c =>
        {
            var (atoms, next, returns, discounts) = c;
            var expected = Reference(next, returns, discounts, atoms, -100, 100);
            var actual = new float[next.Length];
            CategoricalProjection.Project(next, returns, discounts, atoms, -100, 100, actual);
            return expected.Select(BitConverter.SingleToInt32Bits).SequenceEqual(actual.Select(BitConverter.SingleToInt32Bits));
        });
    }

    /// <summary>The projection as written before (one atom at a time, <see cref="Math.Clamp(double, double, double)"/>).</summary>
    private static float[] Reference(float[] next, float[] returns, float[] discounts, int atoms, double vMin, double vMax)
    {
        var target = new float[next.Length];
        var dz = (vMax - vMin) / (atoms - 1);
        var row = new double[atoms];
        for (var b = 0; b < returns.Length; b++)
        {
            Array.Clear(row);
            for (var j = 0; j < atoms; j++)
            {
                var p = (double)next[(b * atoms) + j];
                if (p == 0)
                    continue;
                var tz = Math.Clamp(returns[b] + (discounts[b] * (vMin + (j * dz))), vMin, vMax);
                var position = Math.Clamp((tz - vMin) / dz, 0, atoms - 1);
                var lower = (int)Math.Floor(position);
                var upper = (int)Math.Ceiling(position);
                if (lower == upper)
                {
                    row[lower] += p;
                }
                else
                {
                    row[lower] += p * (upper - position);
                    row[upper] += p * (position - lower);
                }
            }

            for (var j = 0; j < atoms; j++)
                target[(b * atoms) + j] = (float)row[j];
        }

        return target;
    }
}
