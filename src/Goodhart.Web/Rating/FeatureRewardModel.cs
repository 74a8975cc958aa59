using Goodhart.Core.Rlhf;
using Goodhart.Learning.Rlhf;

namespace Goodhart.Web.Rating;

/// <summary>
/// The "Be the rater" reward model: a Bradley-Terry model linear in the <see cref="RatingFeatures"/>,
/// r(response) = sum_k w_k x_k, so P(chosen over rejected) = sigmoid(r_chosen - r_rejected). It is fitted by
/// L2-regularised maximum likelihood (logistic regression on feature differences, no intercept: Bradley-Terry fixes
/// rewards only up to a constant) with Newton's method on standardised features, which converges in a few
/// iterations and is deterministic. A transformer reward model cannot learn anything from 20-60 labels; this one
/// can, and its weights read as the person's preferences (the same units as a simulated rater's profile: utility per
/// correct answer, per confidence step, per flattery phrase, per 10 characters).
/// </summary>
public sealed class FeatureRewardModel : IRewardScorer
{
    private readonly double[] _weights;

    private FeatureRewardModel(double[] weights, double[] scales, int iterations, bool converged)
    {
        _weights = weights;
        Scales = scales;
        Iterations = iterations;
        Converged = converged;
    }

    /// <summary>Weights per natural unit of each feature (see <see cref="RatingFeatures.Units"/>).</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>The standard deviation each feature was divided by while fitting (1 where it had none).</summary>
    public IReadOnlyList<double> Scales { get; }

    /// <summary>Weights per standard deviation of each feature: comparable across features (what the prior shrinks).</summary>
    public IReadOnlyList<double> StandardisedWeights => _weights.Select((w, k) => w * Scales[k]).ToArray();

    /// <summary>Newton iterations the fit took.</summary>
    public int Iterations { get; }

    /// <summary>True when the last Newton step was below tolerance before the iteration cap.</summary>
    public bool Converged { get; }

    /// <inheritdoc />
    public string Name => "your-rm";

    /// <summary>The reward of a feature vector.</summary>
    public double Score(IReadOnlyList<double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var r = 0.0;
        for (var k = 0; k < _weights.Length; k++)
            r += _weights[k] * features[k];
        return r;
    }

    /// <summary>The reward of a response's text to a prompt.</summary>
    public double Score(ArithmeticPrompt prompt, string? response) => Score(RatingFeatures.Of(prompt, response));

    /// <inheritdoc />
    public double[] Score(IReadOnlyList<string> prompts, IReadOnlyList<string> responses)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(responses);
        if (prompts.Count != responses.Count)
            throw new ArgumentException($"{prompts.Count} prompts but {responses.Count} responses.");
        return prompts.Select((p, i) => Score(ArithmeticPrompt.Parse(p), responses[i])).ToArray();
    }

    /// <summary>P(a preferred over b) under the model.</summary>
    public double Probability(IReadOnlyList<double> a, IReadOnlyList<double> b) => Sigmoid(Score(a) - Score(b));

    /// <summary>
    /// Fits the weights to comparisons (feature vectors of the chosen and the rejected response): minimises
    /// sum_i log(1 + exp(-(w . d_i))) + (regularisation / 2) |w|^2 over standardised differences d_i, by Newton's
    /// method (the Hessian is positive definite thanks to the penalty, so the optimum is unique).
    /// </summary>
    /// <param name="comparisons">At least one (chosen, rejected) pair of feature vectors.</param>
    /// <param name="scales">Per-feature scale (a standard deviation, &gt; 0) dividing each feature while fitting.</param>
    /// <param name="regularisation">L2 penalty on the standardised weights, &gt; 0.</param>
    /// <param name="maxIterations">Cap on Newton iterations.</param>
    /// <param name="cancellationToken">Checked every iteration.</param>
    public static FeatureRewardModel Fit(
        IReadOnlyList<(double[] Chosen, double[] Rejected)> comparisons,
        IReadOnlyList<double> scales,
        double regularisation,
        int maxIterations,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentNullException.ThrowIfNull(scales);
        if (comparisons.Count == 0)
            throw new ArgumentException("no comparisons to fit", nameof(comparisons));
        if (!(regularisation > 0))
            throw new ArgumentOutOfRangeException(nameof(regularisation), regularisation, "the penalty must be positive");
        var dims = scales.Count;
        if (scales.Any(s => !(s > 0) || !double.IsFinite(s)))
            throw new ArgumentException("every scale must be a positive number", nameof(scales));
        var d = comparisons.Select(c => Enumerable.Range(0, dims).Select(k => (c.Chosen[k] - c.Rejected[k]) / scales[k]).ToArray()).ToArray();

        var w = new double[dims];
        var gradient = new double[dims];
        var hessian = new double[dims, dims];
        var iterations = 0;
        var converged = false;
        while (iterations < maxIterations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            iterations++;
            for (var j = 0; j < dims; j++)
            {
                gradient[j] = regularisation * w[j];
                for (var k = 0; k < dims; k++)
                    hessian[j, k] = j == k ? regularisation : 0;
            }
            foreach (var x in d)
            {
                var z = Dot(w, x);
                var p = Sigmoid(z);
                var curvature = p * (1 - p);
                for (var j = 0; j < dims; j++)
                {
                    gradient[j] -= (1 - p) * x[j];
                    for (var k = 0; k < dims; k++)
                        hessian[j, k] += curvature * x[j] * x[k];
                }
            }
            var step = SolveSymmetric(hessian, gradient);
            var largest = 0.0;
            for (var j = 0; j < dims; j++)
            {
                w[j] -= step[j];
                largest = Math.Max(largest, Math.Abs(step[j]));
            }
            if (largest < 1e-10)
            {
                converged = true;
                break;
            }
        }
        var natural = w.Select((v, k) => v / scales[k]).ToArray();
        return new FeatureRewardModel(natural, scales.ToArray(), iterations, converged);
    }

    /// <summary>sigmoid(x), computed without overflow.</summary>
    public static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    private static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var k = 0; k < a.Length; k++)
            s += a[k] * b[k];
        return s;
    }

    /// <summary>Solves A x = b for a symmetric positive definite A by Cholesky (A = L L^T).</summary>
    private static double[] SolveSymmetric(double[,] a, double[] b)
    {
        var n = b.Length;
        var l = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i, j];
                for (var k = 0; k < j; k++)
                    sum -= l[i, k] * l[j, k];
                l[i, j] = i == j ? Math.Sqrt(Math.Max(sum, 1e-300)) : sum / l[j, j];
            }
        }
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
                sum -= l[i, k] * y[k];
            y[i] = sum / l[i, i];
        }
        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = y[i];
            for (var k = i + 1; k < n; k++)
                sum -= l[k, i] * x[k];
            x[i] = sum / l[i, i];
        }
        return x;
    }
}
