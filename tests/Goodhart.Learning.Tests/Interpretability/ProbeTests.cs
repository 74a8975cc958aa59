using CsCheck;
using Goodhart.Core.Randomness;
using Goodhart.Learning.Interpretability;

namespace Goodhart.Learning.Tests.Interpretability;

public class ProbeTests
{
    private const int Dimensions = 16;

    [Fact]
    public void Auroc_counts_pairs_and_ties_as_a_hand_computation_does()
    {
        // Positives 0.9, 0.5, 0.5; negatives 0.5, 0.1. Pairs (positive, negative): (0.9, 0.5) 1, (0.9, 0.1) 1,
        // (0.5, 0.5) 1/2 twice, (0.5, 0.1) 1 twice: (1 + 1 + 0.5 + 0.5 + 1 + 1) / 6 = 5/6.
        double[] scores = [0.9, 0.5, 0.5, 0.5, 0.1];
        bool[] labels = [true, true, true, false, false];

        Assert.Equal(5.0 / 6.0, Auroc.Of(scores, labels), 12);
        Assert.Equal(1.0, Auroc.Of([3.0, 2.0, 1.0], [true, true, false]));
        Assert.Equal(0.0, Auroc.Of([1.0, 2.0, 3.0], [true, true, false]));
        Assert.Equal(0.5, Auroc.Of([1.0, 1.0, 1.0, 1.0], [true, false, true, false]));
        Assert.True(double.IsNaN(Auroc.Of([1.0, 2.0], [true, true])));
    }

    [Fact]
    public void Auroc_of_negated_scores_is_one_minus_auroc_and_ignores_monotone_maps()
    {
        Gen.Double[-5, 5].Array[2, 40].Select(Gen.Bool.Array[40])
            .Where(t => t.Item1.Length <= t.Item2.Length)
            .Sample(t =>
            {
                var scores = t.Item1;
                var labels = t.Item2[..scores.Length];
                var auc = Auroc.Of(scores, labels);
                if (double.IsNaN(auc))
                {
                    return labels.All(l => l) || labels.All(l => !l);
                }

                var negated = Auroc.Of(scores.Select(s => -s).ToArray(), labels);
                var squashed = Auroc.Of(scores.Select(Math.Atan).ToArray(), labels);
                return Math.Abs(auc + negated - 1) < 1e-12 && Math.Abs(auc - squashed) < 1e-12 && auc is >= 0 and <= 1;
            });
    }

    [Fact]
    public void Supervised_probes_score_one_on_held_out_examples_of_a_planted_direction()
    {
        var (train, trainLabels) = Planted(400, seed: 1, margin: 6);
        var (test, testLabels) = Planted(400, seed: 2, margin: 6);

        var logistic = LogisticRegressionProbe.Fit(train, trainLabels);
        var massMean = MassMeanProbe.Fit(train, trainLabels);

        Assert.Equal(1.0, Auroc.Of(logistic.Scores(test), testLabels));
        Assert.Equal(1.0, Auroc.Of(massMean.Scores(test), testLabels));
        var direction = Direction();
        Assert.True(Cosine(logistic.Weights, direction) > 0.9);
        Assert.True(Cosine(massMean.Weights, direction) > 0.9);
    }

    [Fact]
    public void Supervised_probes_score_about_one_half_on_held_out_noise()
    {
        var (train, trainLabels) = Planted(400, seed: 3, margin: 0);
        var (test, testLabels) = Planted(2000, seed: 4, margin: 0);

        var logistic = Auroc.Of(LogisticRegressionProbe.Fit(train, trainLabels).Scores(test), testLabels);
        var massMean = Auroc.Of(MassMeanProbe.Fit(train, trainLabels).Scores(test), testLabels);

        // 1,000 positives and 1,000 negatives: AUROC's standard error under the null is about 0.013.
        Assert.InRange(logistic, 0.44, 0.56);
        Assert.InRange(massMean, 0.44, 0.56);
    }

    [Fact]
    public void Logistic_regression_fits_the_probabilities_of_a_known_model()
    {
        // Labels drawn from p = sigmoid(2 x0 - 1): with many examples the fitted weights approach (2, 0, ...), bias -1.
        var rng = new Xoshiro256(9);
        var x = new List<double[]>();
        var y = new List<bool>();
        for (var i = 0; i < 4000; i++)
        {
            var row = new[] { Gaussian(ref rng), Gaussian(ref rng) };
            x.Add(row);
            y.Add(rng.NextDouble() < 1 / (1 + Math.Exp(-((2 * row[0]) - 1))));
        }

        var probe = LogisticRegressionProbe.Fit(x, y, l2: 1e-6);

        Assert.InRange(probe.Weights[0], 1.8, 2.2);
        Assert.InRange(probe.Weights[1], -0.15, 0.15);
        Assert.InRange(probe.Bias, -1.15, -0.85);
    }

    [Fact]
    public void Contrast_consistent_search_finds_a_planted_truth_direction_without_labels()
    {
        // Each "question" has a truth value t; the "+" completion's activation carries +t along the direction and
        // the "-" completion's -t, plus a constant offset per side (which the per-side normalisation removes) and noise.
        var rng = new Xoshiro256(5);
        var direction = Direction();
        var (plus, minus, truth) = (new List<double[]>(), new List<double[]>(), new List<bool>());
        for (var i = 0; i < 300; i++)
        {
            var t = rng.NextDouble() < 0.5;
            var sign = t ? 1.0 : -1.0;
            plus.Add(Enumerable.Range(0, Dimensions).Select(j => (3 * sign * direction[j]) + 2 + (0.5 * Gaussian(ref rng))).ToArray());
            minus.Add(Enumerable.Range(0, Dimensions).Select(j => (-3 * sign * direction[j]) - 1 + (0.5 * Gaussian(ref rng))).ToArray());
            truth.Add(t);
        }

        var probe = ContrastConsistentSearch.Fit(plus[..200], minus[..200], new CcsOptions { Restarts = 3, Epochs = 300, Seed = 1 });
        var auc = Auroc.Of(probe.Scores(plus[200..], minus[200..]), truth[200..]);

        Assert.True(Math.Max(auc, 1 - auc) > 0.99, $"CCS AUROC {auc}");
        Assert.True(probe.Loss < 0.05, $"CCS loss {probe.Loss}");
    }

    [Fact]
    public void Probes_refuse_one_class_and_mismatched_shapes()
    {
        Assert.Throws<ArgumentException>(() => MassMeanProbe.Fit([[1.0], [2.0]], [true, true]));
        Assert.Throws<ArgumentException>(() => LogisticRegressionProbe.Fit([[1.0], [2.0, 3.0]], [true, false]));
        Assert.Throws<ArgumentException>(() => LogisticRegressionProbe.Fit([[1.0], [double.NaN]], [true, false]));
        Assert.Throws<ArgumentException>(() => Auroc.Of([1.0], [true, false]));
    }

    private static double[] Direction()
    {
        var rng = new Xoshiro256(77);
        var u = Enumerable.Range(0, Dimensions).Select(_ => Gaussian(ref rng)).ToArray();
        var norm = Math.Sqrt(u.Sum(v => v * v));
        return u.Select(v => v / norm).ToArray();
    }

    private static (List<double[]> X, List<bool> Labels) Planted(int count, ulong seed, double margin)
    {
        var rng = new Xoshiro256(seed);
        var u = Direction();
        var x = new List<double[]>();
        var labels = new List<bool>();
        for (var i = 0; i < count; i++)
        {
            var label = i % 2 == 0;
            var shift = label ? margin / 2 : -margin / 2;
            x.Add(Enumerable.Range(0, Dimensions).Select(j => Gaussian(ref rng) + (shift * u[j]) + 1.5).ToArray());
            labels.Add(label);
        }

        return (x, labels);
    }

    private static double Cosine(double[] a, double[] b) =>
        a.Zip(b, (x, y) => x * y).Sum() / Math.Sqrt(a.Sum(x => x * x) * b.Sum(y => y * y));

    private static double Gaussian(ref Xoshiro256 rng)
    {
        var u = 1 - rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * rng.NextDouble());
    }
}
