using CsCheck;
using Goodhart.Learning.DeepRl.Dqn;

namespace Goodhart.Learning.Tests.DeepRl.Dqn;

public class CategoricalProjectionTests
{
    // Support -2, -1, 0, 1, 2 (dz = 1).
    private const int Atoms = 5;
    private const double VMin = -2, VMax = 2;

    private static float[] Project(float[] next, float ret, float discount)
    {
        var target = new float[Atoms];
        CategoricalProjection.Project(next, [ret], [discount], Atoms, VMin, VMax, target);
        return target;
    }

    [Fact]
    public void The_support_is_evenly_spaced_from_vmin_to_vmax()
    {
        Assert.Equal([-2.0, -1.0, 0.0, 1.0, 2.0], CategoricalProjection.Support(Atoms, VMin, VMax));
    }

    [Fact]
    public void A_shifted_atom_between_two_atoms_is_split_by_closeness()
    {
        // All mass at 0; R = 0.5, d = 1: the atom lands at 0.5, half-way between 0 and 1.
        Assert.Equal([0f, 0f, 0.5f, 0.5f, 0f], Project([0, 0, 1, 0, 0], 0.5f, 1f));
    }

    [Fact]
    public void A_uniform_distribution_shrunk_and_shifted_matches_the_hand_computed_projection()
    {
        // R = 1, d = 0.5: Tz = 1 + 0.5 z = 0, 0.5, 1, 1.5, 2, each with 0.2.
        // 0 -> atom 2; 0.5 -> 0.1 to atoms 2 and 3; 1 -> atom 3; 1.5 -> 0.1 to atoms 3 and 4; 2 -> atom 4.
        var target = Project([0.2f, 0.2f, 0.2f, 0.2f, 0.2f], 1f, 0.5f);
        Assert.Equal([0f, 0f, 0.3f, 0.4f, 0.3f], target.Select(x => MathF.Round(x, 6)));
    }

    [Fact]
    public void A_terminal_transition_puts_all_mass_at_the_clamped_return()
    {
        Assert.Equal([1f, 0f, 0f, 0f, 0f], Project([0.1f, 0.2f, 0.3f, 0.2f, 0.2f], -5f, 0f));
        Assert.Equal([0f, 0f, 0f, 0.75f, 0.25f], Project([0.1f, 0.2f, 0.3f, 0.2f, 0.2f], 1.25f, 0f));
    }

    [Fact]
    public void Projection_keeps_total_probability_one_and_stays_on_the_support()
    {
        var distribution = Gen.Float[0.01f, 1f].Array[Atoms];
        Gen.Select(distribution, Gen.Float[-10f, 10f], Gen.Float[0f, 1f]).Sample((raw, ret, discount) =>
        {
            var sum = raw.Sum();
            var next = raw.Select(x => x / sum).ToArray();
            var target = Project(next, ret, discount);
            Assert.All(target, p => Assert.True(p >= 0));
            Assert.Equal(1.0, target.Sum(), 4);
        });
    }
}
