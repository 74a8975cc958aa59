using CsCheck;
using Goodhart.Core.ValueLearning;

namespace Goodhart.Core.Tests.ValueLearning;

public class OffSwitchGameTests
{
    [Theory]
    [InlineData(0.0, 1.0, 0.3989422804)] // E[max(U, 0)] for U ~ N(0, 1) is 1/sqrt(2 pi)
    [InlineData(1.0, 1.0, 1.0833154705)] // Phi(1) + phi(1)
    [InlineData(-1.0, 2.0, 0.3955931)] // -Phi(-0.5) + 2 phi(0.5) = -0.3085375 + 0.7041307
    public void Deferring_to_a_rational_human_is_worth_the_closed_form(double mu, double sigma, double expected)
    {
        Assert.Equal(expected, OffSwitchGame.Defer(mu, sigma, 0), 6);
    }

    [Fact]
    public void The_integral_agrees_with_the_closed_form_for_a_rational_human()
    {
        foreach (var (mu, sigma) in new[] { (0.0, 1.0), (0.7, 0.3), (-2.0, 3.0), (5.0, 0.5) })
        {
            var integrated = OffSwitchGame.Expectation(mu, sigma, u => Math.Max(u, 0));
            Assert.Equal(OffSwitchGame.Defer(mu, sigma, 0), integrated, 6);
        }
    }

    [Fact]
    public void With_a_rational_human_deferring_is_at_least_as_good_as_acting_or_switching_off()
    {
        Gen.Select(Gen.Double[-10, 10], Gen.Double[0, 10]).Sample((mu, sigma) =>
        {
            var v = OffSwitchGame.Values(mu, sigma, 0);
            return v.Defer >= Math.Max(v.Act, v.Off) - 1e-9 && v.Incentive >= -1e-9;
        });
    }

    [Fact]
    public void A_robot_certain_of_its_utility_has_no_incentive_to_defer_to_a_rational_human()
    {
        foreach (var mu in new[] { -2.0, -0.1, 0.1, 3.0 })
        {
            Assert.Equal(0, OffSwitchGame.Values(mu, 0, 0).Incentive, 12);
            // and the limit sigma -> 0 of the uncertain robot's incentive is that 0
            Assert.Equal(0, OffSwitchGame.Values(mu, 1e-4, 0).Incentive, 6);
        }
    }

    [Fact]
    public void The_incentive_grows_with_uncertainty_and_shrinks_with_the_humans_noise()
    {
        const double mu = 0.5;
        var bySigma = new[] { 0.1, 0.5, 1, 2, 4 }.Select(s => OffSwitchGame.Values(mu, s, 0).Incentive).ToList();
        Assert.True(bySigma.Zip(bySigma.Skip(1)).All(p => p.Second > p.First), string.Join(", ", bySigma));
        var byBeta = new[] { 0.0, 0.2, 0.5, 1, 2 }.Select(b => OffSwitchGame.Values(mu, 1, b).Incentive).ToList();
        Assert.True(byBeta.Zip(byBeta.Skip(1)).All(p => p.Second < p.First), string.Join(", ", byBeta));
        // A very noisy human (she lets the robot act about half the time whatever U is): deferring is worse than acting.
        Assert.True(OffSwitchGame.Values(mu, 0.1, 50).Incentive < 0);
    }

    [Fact]
    public void A_noisy_human_and_a_certain_robot_give_the_logistic_closed_form()
    {
        Assert.Equal(2 / (1 + Math.Exp(-2.0)), OffSwitchGame.Defer(2, 0, 1), 12);
    }

    [Theory]
    [InlineData(0.25, 1.0, 0.0)]
    [InlineData(0.25, 1.0, 0.5)]
    [InlineData(-0.5, 2.0, 1.0)]
    public void Simulation_agrees_with_the_exact_values_within_four_standard_errors(double mu, double sigma, double beta)
    {
        var exact = OffSwitchGame.Values(mu, sigma, beta);
        var mc = OffSwitchSimulation.Run(mu, sigma, beta, 200_000, 7);
        Assert.InRange(mc.Act.Mean, exact.Act - 4 * mc.Act.Se!.Value, exact.Act + 4 * mc.Act.Se!.Value);
        Assert.InRange(mc.Defer.Mean, exact.Defer - 4 * mc.Defer.Se!.Value, exact.Defer + 4 * mc.Defer.Se!.Value);
        Assert.InRange(mc.Incentive.Mean, exact.Incentive - 4 * mc.Incentive.Se!.Value, exact.Incentive + 4 * mc.Incentive.Se!.Value);
    }

    [Fact]
    public void Simulation_is_deterministic_by_seed()
    {
        Assert.Equal(OffSwitchSimulation.Run(0.1, 1, 0.2, 1000, 3), OffSwitchSimulation.Run(0.1, 1, 0.2, 1000, 3));
    }

    [Fact]
    public void Out_of_range_parameters_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OffSwitchGame.Values(double.NaN, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => OffSwitchGame.Values(0, -1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => OffSwitchGame.Values(0, 1, -0.1));
    }
}
