namespace Goodhart.Learning.Interpretability;

/// <summary>
/// A linear read-out of an activation vector: score(x) = w . x + b, higher meaning "more likely positive". The
/// probes here (<see cref="LogisticRegressionProbe"/>, <see cref="MassMeanProbe"/>) all end as one of these, in the
/// activations' own coordinates.
/// </summary>
/// <param name="Weights">The direction w, one weight per activation dimension.</param>
/// <param name="Bias">The offset b.</param>
public sealed record LinearProbe(double[] Weights, double Bias)
{
    /// <summary>The score of one activation vector.</summary>
    public double Score(IReadOnlyList<double> activation)
    {
        ArgumentNullException.ThrowIfNull(activation);
        if (activation.Count != Weights.Length)
        {
            throw new ArgumentException($"An activation of {activation.Count} dimensions for a probe of {Weights.Length}.");
        }

        var sum = Bias;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += Weights[i] * activation[i];
        }

        return sum;
    }

    /// <summary>The scores of several activation vectors.</summary>
    public double[] Scores(IReadOnlyList<double[]> activations)
    {
        ArgumentNullException.ThrowIfNull(activations);
        return activations.Select(a => Score(a)).ToArray();
    }
}
