namespace Goodhart.Learning.Interpretability;

/// <summary>
/// The mass-mean probe (Marks and Tegmark 2023, "The Geometry of Truth"): the direction from the negatives' mean
/// activation to the positives' mean, thresholded half way between them. No fitting, no hyperparameters; it
/// transfers well where a logistic probe overfits directions of incidental variance.
/// </summary>
public static class MassMeanProbe
{
    /// <summary>The probe of <paramref name="activations"/> with <paramref name="labels"/> (both classes needed).</summary>
    public static LinearProbe Fit(IReadOnlyList<double[]> activations, IReadOnlyList<bool> labels)
    {
        var d = ProbeData.Dimension(activations, labels);
        var positive = new double[d];
        var negative = new double[d];
        var (p, n) = (0, 0);
        for (var i = 0; i < activations.Count; i++)
        {
            var target = labels[i] ? positive : negative;
            for (var j = 0; j < d; j++)
            {
                target[j] += activations[i][j];
            }

            if (labels[i])
            {
                p++;
            }
            else
            {
                n++;
            }
        }

        var weights = new double[d];
        var bias = 0.0;
        for (var j = 0; j < d; j++)
        {
            positive[j] /= p;
            negative[j] /= n;
            weights[j] = positive[j] - negative[j];
            bias -= weights[j] * (positive[j] + negative[j]) / 2;
        }

        return new LinearProbe(weights, bias);
    }
}
