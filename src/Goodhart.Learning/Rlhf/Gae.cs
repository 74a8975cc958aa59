namespace Goodhart.Learning.Rlhf;

/// <summary>
/// Generalized Advantage Estimation (Schulman et al. 2016): with delta_t = r_t + gamma V(t+1) - V(t),
/// A_t = delta_t + gamma lambda A_(t+1), and the value targets (returns) R_t = A_t + V(t); where an episode ends at
/// step t, V(t+1) and A_(t+1) are taken as 0 (the next entry belongs to a new episode). One trajectory (a response,
/// whose end ends the episode) or a rollout of several envs stepped together (the deep gridworld agents), time-major.
/// </summary>
public static class Gae
{
    /// <summary>Advantages and returns of one trajectory of per-step <paramref name="rewards"/> and <paramref name="values"/>, ending after its last step.</summary>
    public static (double[] Advantages, double[] Returns) Compute(
        IReadOnlyList<double> rewards, IReadOnlyList<double> values, double gamma = 1.0, double lambda = 0.95)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        ArgumentNullException.ThrowIfNull(values);
        if (rewards.Count != values.Count)
        {
            throw new ArgumentException($"{rewards.Count} rewards but {values.Count} values.");
        }

        var count = rewards.Count;
        var ends = new bool[count];
        if (count > 0)
        {
            ends[count - 1] = true;
        }

        var advantages = new double[count];
        var returns = new double[count];
        Compute([.. rewards], [.. values], ends, [0.0], 1, gamma, lambda, advantages, returns);
        return (advantages, returns);
    }

    /// <summary>
    /// Advantages and returns of a rollout of <paramref name="envs"/> envs over T steps, every span time-major
    /// ([T, envs], entry t * envs + i): <paramref name="ends"/> marks the steps after which an episode ended (no
    /// bootstrap across them), and <paramref name="nextValues"/> ([envs]) are the values of the states after the last
    /// step, to bootstrap from where the episode goes on.
    /// </summary>
    public static void Compute(
        ReadOnlySpan<double> rewards,
        ReadOnlySpan<double> values,
        ReadOnlySpan<bool> ends,
        ReadOnlySpan<double> nextValues,
        int envs,
        double gamma,
        double lambda,
        Span<double> advantages,
        Span<double> returns)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(envs);
        if (gamma is < 0 or > 1 || lambda is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), $"gamma ({gamma}) and lambda ({lambda}) must lie in [0, 1].");
        }

        var length = rewards.Length;
        if (length % envs != 0 || values.Length != length || ends.Length != length || advantages.Length != length || returns.Length != length || nextValues.Length != envs)
        {
            throw new ArgumentException($"rewards, values, ends, advantages and returns need T x {envs} entries each (got {length}, {values.Length}, {ends.Length}, {advantages.Length}, {returns.Length}) and next values {envs} (got {nextValues.Length}).");
        }

        var steps = length / envs;
        for (var i = 0; i < envs; i++)
        {
            var next = 0.0;
            var nextValue = nextValues[i];
            for (var t = steps - 1; t >= 0; t--)
            {
                var k = (t * envs) + i;
                if (ends[k])
                {
                    next = 0.0;
                    nextValue = 0.0;
                }

                var delta = rewards[k] + (gamma * nextValue) - values[k];
                next = delta + (gamma * lambda * next);
                advantages[k] = next;
                returns[k] = next + values[k];
                nextValue = values[k];
            }
        }
    }
}
