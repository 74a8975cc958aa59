using Goodhart.Core.Randomness;

namespace Goodhart.Core.ValueLearning;

/// <summary>
/// Attainable utility (Turner et al. 2020, as a deviation measure in Krakovna et al. 2019): for K auxiliary reward
/// functions r_k over states, drawn uniform on [0, 1] from a seed, V_k(s) is the best discounted sum of r_k from s
/// (value iteration on the state graph; a terminal state pays its reward once). d(s; b) = (1/K) sum_k |V_k(b) - V_k(s)|,
/// scaled by (1 - gamma) so that it lies in [0, 1].
/// </summary>
public sealed class AttainableUtility : IDeviationMeasure
{
    /// <summary>Results name.</summary>
    public const string MeasureName = "attainable_utility";

    /// <summary>Most auxiliary reward functions (a documented limit).</summary>
    public const int MaxRewardFunctions = 1000;

    private readonly double[][] _values;

    /// <summary>Draws <paramref name="functions"/> random reward functions with <paramref name="seed"/> and solves them with discount <paramref name="gamma"/>.</summary>
    public AttainableUtility(StateSpace space, int functions, double gamma, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentOutOfRangeException.ThrowIfLessThan(functions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(functions, MaxRewardFunctions);
        if (!(gamma is > 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "the attainable-utility discount must be in (0, 1)");
        var rng = new Xoshiro256(seed);
        _values = new double[functions][];
        for (var k = 0; k < functions; k++)
        {
            var reward = new double[space.Count];
            for (var s = 0; s < reward.Length; s++)
                reward[s] = rng.NextDouble();
            _values[k] = Solve(space, reward, gamma);
            for (var s = 0; s < reward.Length; s++)
                _values[k][s] *= 1 - gamma;
        }
    }

    /// <inheritdoc />
    public string Name => MeasureName;

    /// <summary>(1 - gamma) V_k(s) of auxiliary function <paramref name="k"/>.</summary>
    public double Value(int k, int state) => _values[k][state];

    /// <inheritdoc />
    public double Deviation(int state, int baseline)
    {
        var sum = 0.0;
        foreach (var v in _values)
            sum += Math.Abs(v[baseline] - v[state]);
        return sum / _values.Length;
    }

    /// <summary>V(s) = r(s) + gamma max_a V(next(s, a)) for live states, r(s) for terminal ones; iterated to 1e-9.</summary>
    internal static double[] Solve(StateSpace space, double[] reward, double gamma)
    {
        var v = new double[space.Count];
        for (var iteration = 0; iteration < 100_000; iteration++)
        {
            var change = 0.0;
            for (var s = 0; s < space.Count; s++)
            {
                var best = 0.0;
                if (!space.IsTerminal(s))
                {
                    best = double.NegativeInfinity;
                    for (var a = 0; a < space.Actions; a++)
                        best = Math.Max(best, v[space.Next(s, a)]);
                }
                var updated = reward[s] + gamma * best;
                change = Math.Max(change, Math.Abs(updated - v[s]));
                v[s] = updated;
            }
            if (change < 1e-9)
                break;
        }
        return v;
    }
}
