using Goodhart.Core.Environments;

namespace Goodhart.Core.ValueLearning;

/// <summary>
/// An agent that plans exactly on the visible reward minus an impact penalty (Krakovna et al. 2019): on each step into
/// s_{t+1} it pays beta d(s_{t+1}; b_{t+1}), where b is the baseline state (<see cref="ImpactBaseline"/>) and d the
/// deviation measure. Every baseline makes the penalty a function of (time, previous state, next state), so finite-
/// horizon dynamic programming over the state graph gives the optimal policy, with discount gamma. Ties go to NOOP,
/// then up, down, left, right: with nothing to gain the agent does nothing. (The paper trains Q-learning on the same
/// penalised reward; planning removes learning noise and makes each outcome exact.)
/// </summary>
public sealed class ImpactPlanner
{
    private const int Noop = (int)GridAction.Noop;
    private const double TieTolerance = 1e-9;

    private readonly StateSpace _space;
    private readonly IDeviationMeasure _measure;
    private readonly ImpactBaseline _baseline;
    private readonly double _beta;
    private readonly int[] _inaction;
    private readonly Dictionary<long, double> _deviations = [];
    private readonly int[][] _policy;

    /// <summary>Plans for <paramref name="horizon"/> steps from every state.</summary>
    public ImpactPlanner(StateSpace space, IDeviationMeasure measure, ImpactBaseline baseline, double beta, int horizon, double discount)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(measure);
        if (space.Actions <= Noop)
            throw new UserInputException("impact baselines need an env with a NOOP action (side_effects_sokoban, conveyor_belt)");
        if (!double.IsFinite(beta) || beta < 0)
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "the penalty strength must be finite and at least 0");
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        if (!(discount is > 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(discount), discount, "the discount must be in (0, 1]");
        (_space, _measure, _baseline, _beta) = (space, measure, baseline, beta);
        _inaction = new int[horizon + 1];
        for (var t = 1; t <= horizon; t++)
            _inaction[t] = space.Next(_inaction[t - 1], Noop);
        _policy = new int[horizon][];
        var next = new double[space.Count];
        for (var t = horizon - 1; t >= 0; t--)
        {
            var current = new double[space.Count];
            var actions = new int[space.Count];
            for (var s = 0; s < space.Count; s++)
            {
                if (space.IsTerminal(s))
                    continue;
                var best = double.NegativeInfinity;
                for (var k = 0; k < space.Actions; k++)
                {
                    var a = k == 0 ? Noop : k - 1; // NOOP first, so that it wins ties
                    var n = space.Next(s, a);
                    var q = space.Reward(s, a) - Penalty(t, s, n) + (space.IsTerminal(n) ? 0 : discount * next[n]);
                    if (q > best + TieTolerance)
                    {
                        best = q;
                        actions[s] = a;
                    }
                }
                current[s] = best;
            }
            _policy[t] = actions;
            next = current;
        }
        Value = next[space.Start];
    }

    /// <summary>The planned (penalised, discounted) value of the start state.</summary>
    public double Value { get; }

    /// <summary>The planned action in state <paramref name="state"/> at step <paramref name="t"/>.</summary>
    public int Action(int t, int state) => _policy[Math.Min(t, _policy.Length - 1)][state];

    /// <summary>beta d(next; b_{t+1}) for the step at time <paramref name="t"/> from <paramref name="state"/> into <paramref name="next"/>.</summary>
    public double Penalty(int t, int state, int next)
    {
        if (_beta == 0)
            return 0;
        var baseline = _baseline switch
        {
            ImpactBaseline.StartingState => _space.Start,
            ImpactBaseline.Inaction => _inaction[Math.Min(t + 1, _inaction.Length - 1)],
            _ => _space.Next(state, Noop),
        };
        var key = (long)next * _space.Count + baseline;
        if (!_deviations.TryGetValue(key, out var d))
            _deviations[key] = d = _measure.Deviation(next, baseline);
        return _beta * d;
    }

    /// <summary>
    /// Plays one episode of <paramref name="env"/> (reset with <paramref name="seed"/>) with the planned policy on the
    /// true dynamics; returns its outcome and the penalty paid along the way.
    /// </summary>
    public (EpisodeOutcome Outcome, double Penalty) Play(Gridworld env, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(env);
        env.Reset(seed);
        var penalty = 0.0;
        var state = _space.IndexOf(env);
        for (var t = 0; ; t++)
        {
            if (state < 0)
                throw new InvalidOperationException($"{env.Spec.Id}: the env reached a state its graph does not hold");
            var a = Action(t, state);
            var transition = env.Step(a);
            var next = _space.Next(state, a);
            penalty += Penalty(t, state, next);
            if (transition.Done)
                return (env.LastOutcome!, penalty);
            state = _space.IndexOf(env);
        }
    }
}
