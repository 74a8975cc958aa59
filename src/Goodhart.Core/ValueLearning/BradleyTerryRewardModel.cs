namespace Goodhart.Core.ValueLearning;

/// <summary>
/// A reward linear in step features, r(x) = theta . phi(x), fitted to preferences by Bradley-Terry (Christiano et al.
/// 2017): P(first preferred) = sigmoid(r(first) - r(second)) with r of a segment the sum over its steps. The loss is the
/// mean cross-entropy plus (l2 / 2) |theta|^2; full-batch gradient descent.
/// </summary>
public sealed class BradleyTerryRewardModel
{
    private readonly double[] _theta;

    /// <summary>A model with all weights 0 (every segment equally good).</summary>
    public BradleyTerryRewardModel(int features) => _theta = new double[features];

    /// <summary>The weights.</summary>
    public Span<double> Weights => _theta;

    /// <summary>The reward of a feature vector (a step or a segment's sum).</summary>
    public double Reward(ReadOnlySpan<double> features)
    {
        var r = 0.0;
        for (var i = 0; i < _theta.Length; i++)
            r += _theta[i] * features[i];
        return r;
    }

    /// <summary>P(first preferred) under the model.</summary>
    public double Probability(PreferenceSegment first, PreferenceSegment second) =>
        Sigmoid(Reward(first.Features) - Reward(second.Features));

    /// <summary>The loss: mean cross-entropy of the labels plus (l2 / 2) |theta|^2.</summary>
    public double Loss(IReadOnlyList<PreferenceComparison> data, double l2)
    {
        ArgumentNullException.ThrowIfNull(data);
        var loss = 0.0;
        foreach (var c in data)
        {
            var z = Reward(c.First.Features) - Reward(c.Second.Features);
            // -[y log s(z) + (1 - y) log s(-z)], computed stably
            loss += c.FirstPreferred * Softplus(-z) + (1 - c.FirstPreferred) * Softplus(z);
        }
        var norm = 0.0;
        foreach (var t in _theta)
            norm += t * t;
        return loss / Math.Max(1, data.Count) + 0.5 * l2 * norm;
    }

    /// <summary>The gradient of <see cref="Loss"/> with respect to the weights: mean (s(z) - y)(phi1 - phi2) + l2 theta.</summary>
    public double[] Gradient(IReadOnlyList<PreferenceComparison> data, double l2)
    {
        ArgumentNullException.ThrowIfNull(data);
        var g = new double[_theta.Length];
        foreach (var c in data)
        {
            var error = Probability(c.First, c.Second) - c.FirstPreferred;
            for (var i = 0; i < g.Length; i++)
                g[i] += error * (c.First.Features[i] - c.Second.Features[i]);
        }
        for (var i = 0; i < g.Length; i++)
            g[i] = g[i] / Math.Max(1, data.Count) + l2 * _theta[i];
        return g;
    }

    /// <summary>Full-batch gradient descent for <paramref name="steps"/> steps of size <paramref name="learningRate"/>.</summary>
    public void Fit(IReadOnlyList<PreferenceComparison> data, int steps, double learningRate, double l2)
    {
        for (var s = 0; s < steps && data.Count > 0; s++)
        {
            var g = Gradient(data, l2);
            for (var i = 0; i < _theta.Length; i++)
                _theta[i] -= learningRate * g[i];
        }
    }

    /// <summary>1 / (1 + e^-z), stable for large |z|.</summary>
    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    private static double Softplus(double z) => z > 30 ? z : Math.Log(1 + Math.Exp(z));
}
