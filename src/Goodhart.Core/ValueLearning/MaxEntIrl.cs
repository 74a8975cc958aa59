namespace Goodhart.Core.ValueLearning;

/// <summary>
/// Maximum-entropy inverse RL (Ziebart et al. 2008), exact on a <see cref="StateSpace"/>: the reward is linear in
/// transition features, r(s, a) = theta . phi(s, a); the gradient of the demonstrations' log-likelihood is the
/// demonstrations' mean feature counts minus the soft-optimal policy's expected feature counts (soft value iteration
/// and its visitation frequencies); theta climbs it by plain gradient ascent.
/// </summary>
public static class MaxEntIrl
{
    /// <summary>The reward table r[s][a] = theta . phi[s][a].</summary>
    public static double[][] Reward(double[][][] features, IReadOnlyList<double> theta)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(theta);
        return [.. features.Select(row => row.Select(phi => phi.Select((f, k) => f * theta[k]).Sum()).ToArray())];
    }

    /// <summary>The demonstrations' mean feature counts; each demonstration is its (state, action) steps.</summary>
    public static double[] DemoFeatureCounts(double[][][] features, IReadOnlyList<IReadOnlyList<(int State, int Action)>> demos)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(demos);
        var counts = new double[features[0][0].Length];
        foreach (var demo in demos)
            foreach (var (s, a) in demo)
                for (var k = 0; k < counts.Length; k++)
                    counts[k] += features[s][a][k] / demos.Count;
        return counts;
    }

    /// <summary>The gradient at <paramref name="theta"/>: demo feature counts minus expected feature counts.</summary>
    public static double[] Gradient(StateSpace space, double[][][] features, double[] demoCounts, IReadOnlyList<double> theta, int horizon)
    {
        ArgumentNullException.ThrowIfNull(demoCounts);
        var expected = SoftValueIteration.Solve(space, Reward(features, theta), horizon).ExpectedFeatureCounts(features);
        return [.. demoCounts.Select((d, k) => d - expected[k])];
    }

    /// <summary>Fits theta from zero by <paramref name="iterations"/> steps of gradient ascent with <paramref name="learningRate"/>.</summary>
    public static double[] Fit(StateSpace space, double[][][] features, IReadOnlyList<IReadOnlyList<(int State, int Action)>> demos, int horizon, int iterations, double learningRate)
    {
        var demoCounts = DemoFeatureCounts(features, demos);
        var theta = new double[demoCounts.Length];
        for (var i = 0; i < iterations; i++)
        {
            var g = Gradient(space, features, demoCounts, theta, horizon);
            for (var k = 0; k < theta.Length; k++)
                theta[k] += learningRate * g[k];
        }
        return theta;
    }
}
