namespace Goodhart.Core.ValueLearning;

/// <summary>
/// Finite-horizon value iteration on a <see cref="StateSpace"/> with a given reward per transition, undiscounted:
/// soft (Ziebart et al. 2008: V_t(s) = log sum_a exp Q_t(s, a), the maximum-entropy policy
/// pi_t(a|s) = exp(Q_t(s, a) - V_t(s))) or hard (V_t(s) = max_a Q_t(s, a)). Q_t(s, a) = r(s, a) + V_{t+1}(next(s, a)),
/// V_horizon = 0; terminal states are absorbing with value 0. Index t counts steps taken (0 at the start).
/// </summary>
public sealed class SoftValueIteration
{
    /// <summary>Most states x horizon cells (a documented limit).</summary>
    public const long MaxCells = 20_000_000;

    private readonly StateSpace _space;
    private readonly double[][][] _q; // [t][s][a]
    private readonly double[][] _v;   // [t][s], t in 0..horizon

    private SoftValueIteration(StateSpace space, int horizon, bool soft)
    {
        _space = space;
        Horizon = horizon;
        Soft = soft;
        _q = new double[horizon][][];
        _v = new double[horizon + 1][];
        _v[horizon] = new double[space.Count];
    }

    /// <summary>The horizon (steps).</summary>
    public int Horizon { get; }

    /// <summary>Whether values are soft (log-sum-exp) rather than hard (max).</summary>
    public bool Soft { get; }

    /// <summary>Solves for <paramref name="reward"/>[s][a] over <paramref name="horizon"/> steps.</summary>
    public static SoftValueIteration Solve(StateSpace space, double[][] reward, int horizon, bool soft = true)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(reward);
        if (horizon < 1 || (long)horizon * space.Count > MaxCells)
            throw new UserInputException($"horizon: {horizon} x {space.Count} states must be 1 to {MaxCells:N0} cells");
        var vi = new SoftValueIteration(space, horizon, soft);
        for (var t = horizon - 1; t >= 0; t--)
        {
            var q = vi._q[t] = new double[space.Count][];
            var v = vi._v[t] = new double[space.Count];
            var next = vi._v[t + 1];
            for (var s = 0; s < space.Count; s++)
            {
                q[s] = new double[space.Actions];
                if (space.IsTerminal(s))
                    continue;
                var max = double.NegativeInfinity;
                for (var a = 0; a < space.Actions; a++)
                {
                    q[s][a] = reward[s][a] + next[space.Next(s, a)];
                    max = Math.Max(max, q[s][a]);
                }
                if (!soft)
                {
                    v[s] = max;
                    continue;
                }
                var sum = 0.0;
                for (var a = 0; a < space.Actions; a++)
                    sum += Math.Exp(q[s][a] - max);
                v[s] = max + Math.Log(sum);
            }
        }
        return vi;
    }

    /// <summary>V_t(s).</summary>
    public double Value(int t, int state) => _v[t][state];

    /// <summary>Q_t(s, a).</summary>
    public double Q(int t, int state, int action) => _q[t][state][action];

    /// <summary>The soft policy's probability of <paramref name="action"/> at step t (0 in terminal states).</summary>
    public double Policy(int t, int state, int action) =>
        _space.IsTerminal(state) ? 0 : Math.Exp(_q[t][state][action] - SoftValue(t, state));

    /// <summary>The greedy action at step t (the lowest index on ties).</summary>
    public int BestAction(int t, int state)
    {
        var best = 0;
        for (var a = 1; a < _space.Actions; a++)
            if (_q[t][state][a] > _q[t][state][best])
                best = a;
        return best;
    }

    /// <summary>
    /// Expected state visitation D[t][s] of the soft policy from the start over the horizon (terminal states absorb
    /// the mass); every row sums to 1, so the whole sums to the horizon.
    /// </summary>
    public double[][] Visitation()
    {
        var d = new double[Horizon][];
        d[0] = new double[_space.Count];
        d[0][_space.Start] = 1;
        for (var t = 0; t + 1 < Horizon; t++)
        {
            var next = d[t + 1] = new double[_space.Count];
            for (var s = 0; s < _space.Count; s++)
            {
                if (d[t][s] == 0)
                    continue;
                if (_space.IsTerminal(s))
                {
                    next[s] += d[t][s];
                    continue;
                }
                for (var a = 0; a < _space.Actions; a++)
                    next[_space.Next(s, a)] += d[t][s] * Policy(t, s, a);
            }
        }
        return d;
    }

    /// <summary>Expected feature counts sum_t sum_s D_t(s) sum_a pi_t(a|s) phi(s, a) under the soft policy.</summary>
    public double[] ExpectedFeatureCounts(double[][][] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var d = Visitation();
        var counts = new double[features[0][0].Length];
        for (var t = 0; t < Horizon; t++)
            for (var s = 0; s < _space.Count; s++)
            {
                if (d[t][s] == 0 || _space.IsTerminal(s))
                    continue;
                for (var a = 0; a < _space.Actions; a++)
                {
                    var w = d[t][s] * Policy(t, s, a);
                    for (var k = 0; k < counts.Length; k++)
                        counts[k] += w * features[s][a][k];
                }
            }
        return counts;
    }

    private double SoftValue(int t, int state)
    {
        if (Soft)
            return _v[t][state];
        var max = _q[t][state].Max();
        return max + Math.Log(_q[t][state].Sum(q => Math.Exp(q - max)));
    }
}
