namespace Goodhart.Learning.Rlhf;

/// <summary>
/// The per-token quantities PPO derives from one rollout, computed on flat [rows, width] arrays whose mask marks
/// each row's response tokens (contiguous): the reward r_t = -kl_coef (log pi - log pi_ref) with the score added at
/// the last response token, GAE advantages (whitened over all response tokens, as TRL does) and returns, and the
/// rollout's objective figures.
/// </summary>
internal sealed class PpoRollout
{
    private PpoRollout(float[] advantages, float[] returns)
    {
        Advantages = advantages;
        Returns = returns;
    }

    /// <summary>Whitened advantages, 0 outside responses.</summary>
    public float[] Advantages { get; }

    /// <summary>Value targets (unwhitened advantages plus values), 0 outside responses.</summary>
    public float[] Returns { get; }

    /// <summary>Mean over rows of the summed log-ratio to the reference.</summary>
    public double Kl { get; private init; }

    /// <summary>Mean over rows of the summed negative log-probabilities.</summary>
    public double Entropy { get; private init; }

    /// <summary>Mean over rows of the summed KL penalty.</summary>
    public double NonScoreReward { get; private init; }

    /// <summary>Mean score.</summary>
    public double Scores { get; private init; }

    /// <summary>1 - Var(returns - values) / Var(returns) over response tokens (NaN when the returns do not vary).</summary>
    public double VarianceExplained { get; private init; }

    /// <summary>Mean response tokens per row.</summary>
    public double MeanLength { get; private init; }

    public static PpoRollout Compute(
        int rows, int width, float[] mask, float[] logProbs, float[] referenceLogProbs, float[] values, IReadOnlyList<double> scores, PpoOptions options)
    {
        var advantages = new float[rows * width];
        var returns = new float[rows * width];
        var raw = new List<double>();
        var targets = new List<double>();
        var residuals = new List<double>();
        double kl = 0, entropy = 0, tokens = 0;
        for (var row = 0; row < rows; row++)
        {
            var positions = Enumerable.Range(row * width, width).Where(i => mask[i] > 0).ToArray();
            if (positions.Length == 0)
            {
                throw new ArgumentException($"Row {row} of the rollout has no response tokens.");
            }

            var rewards = new double[positions.Length];
            var rowValues = new double[positions.Length];
            for (var j = 0; j < positions.Length; j++)
            {
                var logRatio = (double)logProbs[positions[j]] - referenceLogProbs[positions[j]];
                rewards[j] = -options.KlCoef * logRatio;
                rowValues[j] = values[positions[j]];
                kl += logRatio;
                entropy -= logProbs[positions[j]];
            }

            rewards[^1] += scores[row];
            tokens += positions.Length;
            var (rowAdvantages, rowReturns) = Gae.Compute(rewards, rowValues, options.Gamma, options.Lambda);
            for (var j = 0; j < positions.Length; j++)
            {
                returns[positions[j]] = (float)rowReturns[j];
                raw.Add(rowAdvantages[j]);
                targets.Add(rowReturns[j]);
                residuals.Add(rowReturns[j] - rowValues[j]);
            }
        }

        var mean = raw.Average();
        var scale = 1 / Math.Sqrt(Variance(raw) + 1e-8);
        var k = 0;
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i] > 0)
            {
                advantages[i] = (float)((raw[k++] - mean) * scale);
            }
        }

        var targetVariance = Variance(targets);
        return new PpoRollout(advantages, returns)
        {
            Kl = kl / rows,
            Entropy = entropy / rows,
            NonScoreReward = -options.KlCoef * kl / rows,
            Scores = scores.Average(),
            VarianceExplained = targetVariance > 0 ? 1 - (Variance(residuals) / targetVariance) : double.NaN,
            MeanLength = tokens / rows,
        };
    }

    /// <summary>The unbiased sample variance (torch's default, and TRL's masked_var).</summary>
    private static double Variance(List<double> values)
    {
        if (values.Count < 2)
        {
            return 0;
        }

        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
    }
}
