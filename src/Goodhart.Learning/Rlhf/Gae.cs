namespace Goodhart.Learning.Rlhf;

/// <summary>
/// Generalized Advantage Estimation (Schulman et al. 2016) over one response: with
/// delta_t = r_t + gamma V(t+1) - V(t) (and V after the last token taken as 0, the episode having ended),
/// A_t = delta_t + gamma lambda A_(t+1), and the value targets (returns) R_t = A_t + V(t).
/// </summary>
public static class Gae
{
    /// <summary>Advantages and returns of one trajectory of per-step <paramref name="rewards"/> and <paramref name="values"/>.</summary>
    public static (double[] Advantages, double[] Returns) Compute(
        IReadOnlyList<double> rewards, IReadOnlyList<double> values, double gamma = 1.0, double lambda = 0.95)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        ArgumentNullException.ThrowIfNull(values);
        if (rewards.Count != values.Count)
        {
            throw new ArgumentException($"{rewards.Count} rewards but {values.Count} values.");
        }

        if (gamma is < 0 or > 1 || lambda is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), $"gamma ({gamma}) and lambda ({lambda}) must lie in [0, 1].");
        }

        var count = rewards.Count;
        var advantages = new double[count];
        var returns = new double[count];
        var next = 0.0;
        for (var t = count - 1; t >= 0; t--)
        {
            var nextValue = t + 1 < count ? values[t + 1] : 0.0;
            var delta = rewards[t] + (gamma * nextValue) - values[t];
            next = delta + (gamma * lambda * next);
            advantages[t] = next;
            returns[t] = next + values[t];
        }

        return (advantages, returns);
    }
}
