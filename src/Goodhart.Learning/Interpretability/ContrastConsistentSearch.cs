using Goodhart.Core.Randomness;

namespace Goodhart.Learning.Interpretability;

/// <summary>
/// Contrast-Consistent Search (Burns et al. 2022, "Discovering Latent Knowledge in Language Models Without
/// Supervision"): from contrast pairs alone (the same question completed as "true" and as "false", no labels) it
/// finds a direction p(x) = sigmoid(w . x + b) that is consistent, p(x+) = 1 - p(x-), and confident, away from
/// p = 0.5. Each side is normalised by its own mean and spread first (so the direction cannot just read which
/// completion was appended). Loss per pair: (p(x+) - (1 - p(x-)))^2 + min(p(x+), p(x-))^2; full-batch Adam from
/// several random starts, keeping the lowest loss. Its sign is arbitrary: which side is "true" is not identified
/// without labels, so compare it by max(AUROC, 1 - AUROC).
/// </summary>
public static class ContrastConsistentSearch
{
    /// <summary>Fits a probe to the contrast pairs (<paramref name="positive"/>[i], <paramref name="negative"/>[i]).</summary>
    public static CcsProbe Fit(IReadOnlyList<double[]> positive, IReadOnlyList<double[]> negative, CcsOptions? options = null)
    {
        options ??= new CcsOptions();
        options.Validate();
        var d = ProbeData.Dimension(positive);
        if (ProbeData.Dimension(negative) != d || negative.Count != positive.Count)
        {
            throw new ArgumentException("Contrast pairs need as many negative as positive activations, of the same dimension.");
        }

        var (meanPlus, scalePlus) = ProbeData.Standardisation(positive, d);
        var (meanMinus, scaleMinus) = ProbeData.Standardisation(negative, d);
        var plus = ProbeData.Standardise(positive, meanPlus, scalePlus);
        var minus = ProbeData.Standardise(negative, meanMinus, scaleMinus);
        var rng = new Xoshiro256(options.Seed);
        (double[] Weights, double Bias, double Loss)? best = null;
        for (var restart = 0; restart < options.Restarts; restart++)
        {
            var theta = new double[d + 1];
            for (var j = 0; j < d; j++)
            {
                theta[j] = Gaussian(ref rng) / Math.Sqrt(d);
            }

            var loss = Train(theta, plus, minus, options);
            if (best is null || loss < best.Value.Loss)
            {
                best = (theta[..d], theta[d], loss);
            }
        }

        return new CcsProbe(meanPlus, scalePlus, meanMinus, scaleMinus, best!.Value.Weights, best.Value.Bias, best.Value.Loss);
    }

    private static double Train(double[] theta, double[][] plus, double[][] minus, CcsOptions options)
    {
        const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;
        var size = theta.Length;
        var d = size - 1;
        var n = plus.Length;
        var m = new double[size];
        var v = new double[size];
        var loss = double.PositiveInfinity;
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var gradient = new double[size];
            loss = 0;
            for (var i = 0; i < n; i++)
            {
                var (pPlus, pMinus) = (Probability(theta, plus[i], d), Probability(theta, minus[i], d));
                var consistency = pPlus - (1 - pMinus);
                var confident = Math.Min(pPlus, pMinus);
                loss += ((consistency * consistency) + (confident * confident)) / n;
                var dPlus = 2 * consistency + (pPlus <= pMinus ? 2 * confident : 0);
                var dMinus = 2 * consistency + (pPlus <= pMinus ? 0 : 2 * confident);
                var zPlus = dPlus * pPlus * (1 - pPlus) / n;
                var zMinus = dMinus * pMinus * (1 - pMinus) / n;
                for (var j = 0; j < d; j++)
                {
                    gradient[j] += (zPlus * plus[i][j]) + (zMinus * minus[i][j]);
                }

                gradient[d] += zPlus + zMinus;
            }

            for (var j = 0; j < size; j++)
            {
                m[j] = (Beta1 * m[j]) + ((1 - Beta1) * gradient[j]);
                v[j] = (Beta2 * v[j]) + ((1 - Beta2) * gradient[j] * gradient[j]);
                var mHat = m[j] / (1 - Math.Pow(Beta1, epoch));
                var vHat = v[j] / (1 - Math.Pow(Beta2, epoch));
                theta[j] -= options.LearningRate * mHat / (Math.Sqrt(vHat) + Epsilon);
            }
        }

        return loss;
    }

    private static double Gaussian(ref Xoshiro256 rng)
    {
        // Box-Muller; 1 - u keeps the logarithm finite.
        var u = 1 - rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * rng.NextDouble());
    }

    internal static double Probability(double[] theta, double[] x, int d)
    {
        var z = theta[d];
        for (var j = 0; j < d; j++)
        {
            z += theta[j] * x[j];
        }

        return ProbeData.Sigmoid(z);
    }
}
