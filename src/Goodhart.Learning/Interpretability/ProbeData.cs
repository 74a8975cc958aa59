namespace Goodhart.Learning.Interpretability;

/// <summary>Checks and statistics shared by the probes: shapes, both classes present, per-dimension mean and spread.</summary>
internal static class ProbeData
{
    /// <summary>The dimension of <paramref name="x"/>'s rows; throws unless all rows share it and match the labels.</summary>
    public static int Dimension(IReadOnlyList<double[]> x, IReadOnlyList<bool>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Count == 0)
        {
            throw new ArgumentException("A probe needs at least one example.");
        }

        var d = x[0].Length;
        if (d == 0 || x.Any(row => row.Length != d))
        {
            throw new ArgumentException("Every activation must have the same, non-zero number of dimensions.");
        }

        if (x.Any(row => row.Any(v => !double.IsFinite(v))))
        {
            throw new ArgumentException("Activations must be finite.");
        }

        if (labels is not null)
        {
            if (labels.Count != x.Count)
            {
                throw new ArgumentException($"{x.Count} activations for {labels.Count} labels.");
            }

            if (labels.All(l => l) || labels.All(l => !l))
            {
                throw new ArgumentException("A supervised probe needs examples of both classes.");
            }
        }

        return d;
    }

    /// <summary>Per-dimension mean and standard deviation (population; a constant dimension gets spread 1).</summary>
    public static (double[] Mean, double[] Scale) Standardisation(IReadOnlyList<double[]> x, int d)
    {
        var mean = new double[d];
        var scale = new double[d];
        foreach (var row in x)
        {
            for (var j = 0; j < d; j++)
            {
                mean[j] += row[j];
            }
        }

        for (var j = 0; j < d; j++)
        {
            mean[j] /= x.Count;
        }

        foreach (var row in x)
        {
            for (var j = 0; j < d; j++)
            {
                var delta = row[j] - mean[j];
                scale[j] += delta * delta;
            }
        }

        for (var j = 0; j < d; j++)
        {
            var sd = Math.Sqrt(scale[j] / x.Count);
            scale[j] = sd > 1e-12 ? sd : 1.0;
        }

        return (mean, scale);
    }

    /// <summary>The rows standardised with <paramref name="mean"/> and <paramref name="scale"/>.</summary>
    public static double[][] Standardise(IReadOnlyList<double[]> x, double[] mean, double[] scale) =>
        x.Select(row => row.Select((v, j) => (v - mean[j]) / scale[j]).ToArray()).ToArray();

    /// <summary>The logistic function, computed without overflow.</summary>
    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
