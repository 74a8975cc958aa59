using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Tests.Rlhf;

public class GoodhartFitTests
{
    private static readonly double[] Grid = Enumerable.Range(0, 15).Select(i => i * 0.25).ToArray();

    [Fact]
    public void The_best_of_n_form_recovers_exact_parameters_and_its_peak()
    {
        var points = Grid.Select(d => (d, d * (0.8 - (0.2 * d)))).ToArray();

        var fit = GoodhartFit.BestOfN(points);

        Assert.Equal(0.8, fit.Alpha, 9);
        Assert.Equal(0.2, fit.Beta, 9);
        Assert.Equal(1.0, fit.RSquared, 9);
        Assert.Equal(2.0, fit.PeakD!.Value, 9);
        Assert.Equal(4.0, fit.PeakKl!.Value, 9);
        Assert.Equal(0.8 * 0.8 / (4 * 0.2), fit.PeakValue!.Value, 9);
        Assert.Equal(15, fit.Points);
    }

    [Fact]
    public void The_rl_form_recovers_exact_parameters_and_its_peak()
    {
        var points = Grid.Select(d => (d, d * (0.5 - (0.25 * (d > 0 ? Math.Log(d) : 0))))).ToArray();

        var fit = GoodhartFit.ReinforcementLearning(points);

        Assert.Equal(0.5, fit.Alpha, 9);
        Assert.Equal(0.25, fit.Beta, 9);
        Assert.Equal(1.0, fit.RSquared, 9);
        Assert.Equal(Math.E, fit.PeakD!.Value, 9); // exp(0.5 / 0.25 - 1)
        Assert.Equal(0.25 * Math.E, fit.PeakValue!.Value, 9);
    }

    [Fact]
    public void Noisy_points_give_close_parameters_and_an_r_squared_below_one()
    {
        var rng = new Xoshiro256(5);
        var dense = Enumerable.Range(1, 200).Select(i => i * 0.02).ToArray();
        var points = dense.Select(d => (d, (d * (1.2 - (0.4 * d))) + (0.05 * ((2 * rng.NextDouble()) - 1)))).ToArray();

        var fit = GoodhartFit.BestOfN(points);

        Assert.InRange(fit.Alpha, 1.17, 1.23);
        Assert.InRange(fit.Beta, 0.39, 0.41);
        Assert.InRange(fit.RSquared, 0.95, 0.99999);
        Assert.InRange(fit.PeakD!.Value, 1.45, 1.55);
    }

    [Fact]
    public void A_curve_that_keeps_rising_has_no_peak()
    {
        var points = Grid.Select(d => (d, d * (0.5 + (0.1 * d)))).ToArray();

        var fit = GoodhartFit.BestOfN(points);

        Assert.Equal(-0.1, fit.Beta, 9);
        Assert.Null(fit.PeakD);
        Assert.Null(fit.PeakValue);
        Assert.Contains("no peak", fit.ToString());
    }

    [Fact]
    public void A_curve_that_only_falls_has_no_peak()
    {
        var points = Grid.Select(d => (d, d * (-0.2 - (0.05 * d)))).ToArray();

        var fit = GoodhartFit.BestOfN(points);

        Assert.Equal(-0.2, fit.Alpha, 9);
        Assert.Equal(0.05, fit.Beta, 9);
        Assert.Null(fit.PeakD);
    }

    [Fact]
    public void Fewer_than_two_informative_points_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => GoodhartFit.BestOfN([(0.0, 0.0), (1.0, 0.5)]));
        Assert.Throws<ArgumentException>(() => GoodhartFit.BestOfN([(1.0, 0.5), (1.0, 0.6)]));
        Assert.Throws<ArgumentException>(() => GoodhartFit.BestOfN([(-1.0, 0.5), (1.0, 0.6)]));
    }

    [Fact]
    public void Predict_follows_the_form()
    {
        var fit = new GoodhartFit(GoodhartForm.ReinforcementLearning, 1.0, 0.5, 1, 3);

        Assert.Equal(0.0, fit.Predict(0));
        Assert.Equal(2 * (1.0 - (0.5 * Math.Log(2))), fit.Predict(2), 12);
    }

    [Fact]
    public void A_good_fit_over_enough_points_with_its_peak_inside_the_measured_range_is_reliable()
    {
        var fit = GoodhartFit.BestOfN([.. Grid.Select(d => (d, d * (0.8 - (0.2 * d))))]);

        Assert.True(fit.IsReliable);
        Assert.Null(fit.UnreliableReason);
        Assert.Equal(0, fit.MeasuredMinD);
        Assert.Equal(3.5, fit.MeasuredMaxD);
        Assert.Contains("peak d*=2", fit.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Fewer_than_five_points_make_a_fit_unreliable_and_hide_its_peak()
    {
        var fit = GoodhartFit.BestOfN([(0.5, 0.35), (1.0, 0.6), (1.5, 0.75), (2.0, 0.8)]);

        Assert.False(fit.IsReliable);
        Assert.Contains("4 points (fewer than 5)", fit.UnreliableReason, StringComparison.Ordinal);
        Assert.DoesNotContain("peak d*", fit.ToString(), StringComparison.Ordinal);
        Assert.Contains("unreliable", fit.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_r_squared_below_0_8_makes_a_fit_unreliable()
    {
        // Alternating noise around a flat line: the form cannot describe it.
        var points = Grid.Skip(1).Select((d, i) => (d, i % 2 == 0 ? 0.3 : -0.3)).ToArray();

        var fit = GoodhartFit.BestOfN(points);

        Assert.True(fit.RSquared < 0.8);
        Assert.False(fit.IsReliable);
        Assert.Contains("R^2", fit.UnreliableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fitted_peak_beyond_the_measured_range_makes_a_fit_unreliable()
    {
        // R = d (0.8 - 0.1 d) peaks at d* = 4, measured only up to d = 2.
        var points = Grid.Where(d => d <= 2).Select(d => (d, d * (0.8 - (0.1 * d)))).ToArray();

        var fit = GoodhartFit.BestOfN(points);

        Assert.Equal(4, fit.PeakD!.Value, 9);
        Assert.Equal(1.0, fit.RSquared, 9);
        Assert.False(fit.IsReliable);
        Assert.Contains("outside the measured d 0..2", fit.UnreliableReason, StringComparison.Ordinal);
    }
}
