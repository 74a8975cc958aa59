namespace Goodhart.Learning.Interpretability;

/// <summary>
/// A probe found by <see cref="ContrastConsistentSearch"/>: each side's normalisation and the direction. Its
/// <see cref="Score"/> of a contrast pair is Burns et al.'s averaged prediction, 0.5 (p(x+) + 1 - p(x-)), the
/// probability that the "+" completion is the true one (up to the unidentified sign).
/// </summary>
/// <param name="MeanPositive">Mean of the "+" activations.</param>
/// <param name="ScalePositive">Per-dimension spread of the "+" activations.</param>
/// <param name="MeanNegative">Mean of the "-" activations.</param>
/// <param name="ScaleNegative">Per-dimension spread of the "-" activations.</param>
/// <param name="Weights">The direction, in normalised coordinates.</param>
/// <param name="Bias">The offset.</param>
/// <param name="Loss">The final CCS loss of the start kept.</param>
public sealed record CcsProbe(
    double[] MeanPositive, double[] ScalePositive, double[] MeanNegative, double[] ScaleNegative, double[] Weights, double Bias, double Loss)
{
    /// <summary>The averaged prediction for one contrast pair.</summary>
    public double Score(double[] positive, double[] negative)
    {
        ArgumentNullException.ThrowIfNull(positive);
        ArgumentNullException.ThrowIfNull(negative);
        if (positive.Length != Weights.Length || negative.Length != Weights.Length)
        {
            throw new ArgumentException($"Activations of {positive.Length} and {negative.Length} dimensions for a probe of {Weights.Length}.");
        }

        var theta = Weights.Append(Bias).ToArray();
        var plus = positive.Select((v, j) => (v - MeanPositive[j]) / ScalePositive[j]).ToArray();
        var minus = negative.Select((v, j) => (v - MeanNegative[j]) / ScaleNegative[j]).ToArray();
        return 0.5 * (ContrastConsistentSearch.Probability(theta, plus, Weights.Length) + 1 - ContrastConsistentSearch.Probability(theta, minus, Weights.Length));
    }

    /// <summary>The averaged predictions of several pairs.</summary>
    public double[] Scores(IReadOnlyList<double[]> positive, IReadOnlyList<double[]> negative)
    {
        ArgumentNullException.ThrowIfNull(positive);
        ArgumentNullException.ThrowIfNull(negative);
        return positive.Select((p, i) => Score(p, negative[i])).ToArray();
    }
}
