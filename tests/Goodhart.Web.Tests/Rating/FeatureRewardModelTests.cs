using Goodhart.Core.Randomness;
using Goodhart.Web.Rating;

namespace Goodhart.Web.Tests.Rating;

public sealed class FeatureRewardModelTests
{
    [Fact]
    public void Fit_ToManyBradleyTerryLabels_RecoversTheRatersWeights()
    {
        double[] truth = [2.0, -1.0, 0.5];
        var rng = new Xoshiro256(7);
        var comparisons = new List<(double[], double[])>();
        for (var i = 0; i < 4000; i++)
        {
            double[] a = [rng.NextDouble() * 2 - 1, rng.NextDouble() * 2 - 1, rng.NextDouble() * 4];
            double[] b = [rng.NextDouble() * 2 - 1, rng.NextDouble() * 2 - 1, rng.NextDouble() * 4];
            var ua = truth.Select((w, k) => w * a[k]).Sum();
            var ub = truth.Select((w, k) => w * b[k]).Sum();
            comparisons.Add(rng.NextDouble() < FeatureRewardModel.Sigmoid(ua - ub) ? (a, b) : (b, a));
        }

        var model = FeatureRewardModel.Fit(comparisons, [1.0, 1.0, 1.0], 0.01, 50);

        Assert.True(model.Converged);
        Assert.True(model.Iterations < 20, $"{model.Iterations} iterations");
        for (var k = 0; k < truth.Length; k++)
            Assert.InRange(model.Weights[k], truth[k] - 0.2, truth[k] + 0.2);
    }

    [Fact]
    public void Fit_ToSeparableLabels_StaysFiniteAndShrinksUnusedFeaturesToZero()
    {
        var comparisons = Enumerable.Range(1, 10).Select(i => (new[] { i + 1.0, 0.0 }, new[] { (double)i, 0.0 })).ToArray();

        var model = FeatureRewardModel.Fit(comparisons, [1.0, 1.0], 1.0, 50);

        Assert.True(model.Converged);
        Assert.InRange(model.Weights[0], 0.5, 10);
        Assert.Equal(0, model.Weights[1]);
    }

    [Fact]
    public void StandardisedWeights_AreWeightsTimesScales()
    {
        var comparisons = new[] { (new[] { 1.0, 3.0 }, new[] { 0.0, 0.0 }), (new[] { 0.0, 0.0 }, new[] { 1.0, -3.0 }) };

        var model = FeatureRewardModel.Fit(comparisons, [0.5, 3.0], 1.0, 50);

        Assert.Equal(model.Weights[0] * 0.5, model.StandardisedWeights[0], 12);
        Assert.Equal(model.Weights[1] * 3.0, model.StandardisedWeights[1], 12);
        Assert.Equal(model.Weights[0] - (3 * model.Weights[1]), model.Score([1.0, -3.0]), 12);
        Assert.Equal(FeatureRewardModel.Sigmoid(model.Score([1.0, 3.0])), model.Probability([1.0, 3.0], [0.0, 0.0]), 12);
    }
}
