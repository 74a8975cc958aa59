namespace Goodhart.Learning.Interpretability.Sae;

/// <summary>
/// Ties SAE features to known labels of the texts they read: each feature's mean activation over a text's completion
/// positions, and the Pearson correlation of that per-text activation with a label (a 0/1 behaviour or a length).
/// </summary>
public static class FeatureCorrelation
{
    /// <summary>
    /// Per text, the mean activation [texts][m] of every feature of <paramref name="sae"/> over the rows of
    /// <paramref name="activations"/> whose input position is at least <paramref name="firstPositions"/>[text]
    /// (e.g. the prompt's length: the positions that produce the completion); 0 for a text with no such row.
    /// </summary>
    public static double[][] TextMeans(SparseAutoencoder sae, TokenActivations activations, IReadOnlyList<int> firstPositions)
    {
        ArgumentNullException.ThrowIfNull(sae);
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentNullException.ThrowIfNull(firstPositions);
        if (firstPositions.Count != activations.Texts.Count)
            throw new ArgumentException($"{firstPositions.Count} first positions for {activations.Texts.Count} texts.");
        float[] codes;
        using (TorchSharp.torch.no_grad())
        using (var encoded = sae.Encode(activations.Activations))
        using (var onCpu = encoded.cpu())
            codes = onCpu.data<float>().ToArray();
        var m = sae.DictionarySize;
        var sums = new double[activations.Texts.Count][];
        var counts = new int[activations.Texts.Count];
        for (var t = 0; t < sums.Length; t++)
            sums[t] = new double[m];
        for (var r = 0; r < activations.Count; r++)
        {
            var t = activations.TextIndex[r];
            if (activations.Positions[r] < firstPositions[t])
                continue;
            counts[t]++;
            var row = sums[t];
            for (var j = 0; j < m; j++)
                row[j] += codes[((long)r * m) + j];
        }
        for (var t = 0; t < sums.Length; t++)
        {
            if (counts[t] > 0)
            {
                for (var j = 0; j < m; j++)
                    sums[t][j] /= counts[t];
            }
        }
        return sums;
    }

    /// <summary>
    /// The Pearson correlation of each column of <paramref name="values"/> [n][m] with <paramref name="labels"/> [n];
    /// NaN for a column (or labels) without variance.
    /// </summary>
    public static double[] Pearson(IReadOnlyList<double[]> values, IReadOnlyList<double> labels)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(labels);
        if (values.Count != labels.Count || values.Count < 2)
            throw new ArgumentException($"Correlation needs at least two rows and one label per row ({values.Count} rows, {labels.Count} labels).");
        var n = values.Count;
        var m = values[0].Length;
        var labelMean = labels.Average();
        var labelSs = labels.Sum(l => (l - labelMean) * (l - labelMean));
        var result = new double[m];
        for (var j = 0; j < m; j++)
        {
            double mean = 0;
            for (var i = 0; i < n; i++)
                mean += values[i][j];
            mean /= n;
            double ss = 0, cross = 0;
            for (var i = 0; i < n; i++)
            {
                var d = values[i][j] - mean;
                ss += d * d;
                cross += d * (labels[i] - labelMean);
            }
            result[j] = ss > 0 && labelSs > 0 ? cross / Math.Sqrt(ss * labelSs) : double.NaN;
        }
        return result;
    }

    /// <summary>The feature with the largest (positive) correlation, and that correlation; (-1, NaN) when none is finite.</summary>
    public static (int Feature, double Correlation) Strongest(IReadOnlyList<double> correlations)
    {
        ArgumentNullException.ThrowIfNull(correlations);
        var best = -1;
        for (var j = 0; j < correlations.Count; j++)
        {
            if (double.IsFinite(correlations[j]) && (best < 0 || correlations[j] > correlations[best]))
                best = j;
        }
        return best < 0 ? (-1, double.NaN) : (best, correlations[best]);
    }
}
