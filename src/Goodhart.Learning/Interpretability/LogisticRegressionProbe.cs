namespace Goodhart.Learning.Interpretability;

/// <summary>
/// A logistic-regression probe: features standardised per dimension, then mean log-loss plus an L2 penalty
/// (lambda / 2) |w|^2 on the weights (not the bias) minimised by Newton's method, which is deterministic and needs
/// no learning rate; the penalty keeps the optimum finite on separable data. The result is mapped back to the
/// activations' own coordinates.
/// </summary>
public static class LogisticRegressionProbe
{
    /// <summary>The default L2 penalty on standardised features: 0.01.</summary>
    public const double DefaultL2 = 0.01;

    /// <summary>Most Newton steps: 100 (it converges in well under 20 on the lab's activations).</summary>
    public const int MaxIterations = 100;

    /// <summary>Fits the probe to <paramref name="activations"/> and <paramref name="labels"/> (both classes needed).</summary>
    public static LinearProbe Fit(IReadOnlyList<double[]> activations, IReadOnlyList<bool> labels, double l2 = DefaultL2)
    {
        if (!(l2 > 0) || !double.IsFinite(l2))
        {
            throw new ArgumentOutOfRangeException(nameof(l2), l2, "The L2 penalty must be positive and finite.");
        }

        var d = ProbeData.Dimension(activations, labels);
        var (mean, scale) = ProbeData.Standardisation(activations, d);
        var x = ProbeData.Standardise(activations, mean, scale);
        var n = x.Length;
        var size = d + 1; // weights, then the bias
        var theta = new double[size];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var gradient = new double[size];
            var hessian = new double[size, size];
            for (var i = 0; i < n; i++)
            {
                var z = theta[d];
                for (var j = 0; j < d; j++)
                {
                    z += theta[j] * x[i][j];
                }

                var p = ProbeData.Sigmoid(z);
                var residual = p - (labels[i] ? 1.0 : 0.0);
                var weight = Math.Max(p * (1 - p), 1e-12);
                for (var a = 0; a < size; a++)
                {
                    var xa = a < d ? x[i][a] : 1.0;
                    gradient[a] += residual * xa / n;
                    for (var b = 0; b <= a; b++)
                    {
                        hessian[a, b] += weight * xa * (b < d ? x[i][b] : 1.0) / n;
                    }
                }
            }

            for (var a = 0; a < d; a++)
            {
                gradient[a] += l2 * theta[a];
                hessian[a, a] += l2;
            }

            hessian[d, d] += 1e-9; // keeps the bias row positive definite when every example sits on one side
            var step = CholeskySolve(hessian, gradient, size);
            var largest = 0.0;
            for (var a = 0; a < size; a++)
            {
                theta[a] -= step[a];
                largest = Math.Max(largest, Math.Abs(step[a]));
            }

            if (largest < 1e-10)
            {
                break;
            }
        }

        var weights = new double[d];
        var bias = theta[d];
        for (var j = 0; j < d; j++)
        {
            weights[j] = theta[j] / scale[j];
            bias -= weights[j] * mean[j];
        }

        return new LinearProbe(weights, bias);
    }

    /// <summary>Solves H s = g for a symmetric positive definite H given by its lower triangle.</summary>
    private static double[] CholeskySolve(double[,] h, double[] g, int size)
    {
        var l = new double[size, size];
        for (var a = 0; a < size; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                var sum = h[a, b];
                for (var k = 0; k < b; k++)
                {
                    sum -= l[a, k] * l[b, k];
                }

                l[a, b] = a == b ? Math.Sqrt(Math.Max(sum, 1e-300)) : sum / l[b, b];
            }
        }

        var y = new double[size];
        for (var a = 0; a < size; a++)
        {
            var sum = g[a];
            for (var k = 0; k < a; k++)
            {
                sum -= l[a, k] * y[k];
            }

            y[a] = sum / l[a, a];
        }

        var s = new double[size];
        for (var a = size - 1; a >= 0; a--)
        {
            var sum = y[a];
            for (var k = a + 1; k < size; k++)
            {
                sum -= l[k, a] * s[k];
            }

            s[a] = sum / l[a, a];
        }

        return s;
    }
}
