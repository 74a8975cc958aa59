using Goodhart.Core.Environments;

namespace Goodhart.Core.Oracle;

/// <summary>
/// The reachable state graph of a deterministic env from one start state, found by breadth-first search on the true
/// dynamics (snapshots), and the finite-horizon values of the performance signal over it: V_h(s) = best (or, where the
/// env imposes exploration epsilon, (1 - epsilon) best + epsilon mean) over actions of r(s, a) + V_{h-1}(s').
/// Cost: states x actions expansions once, then horizon x states x actions additions.
/// </summary>
internal sealed class StateGraph
{
    private readonly Dictionary<ulong, int> _index = [];
    private readonly List<int> _next = [];
    private readonly List<double> _reward = [];
    private readonly List<double> _epsilon = [];
    private readonly int _actions;
    private float[][] _values = [];

    private StateGraph(int actions) => _actions = actions;

    public int StateCount => _epsilon.Count;

    /// <summary>Explores from the env's current state; null if more than <paramref name="budget"/> states are reachable.</summary>
    public static StateGraph? Explore(Gridworld env, int budget)
    {
        var graph = new StateGraph(env.Spec.ActionCount);
        var usesReturn = env.Spec.PerformanceIsReturn;
        var start = env.SaveSnapshot() with { Steps = 0 };
        var queue = new Queue<GridworldSnapshot>();
        graph.Add(env.StateHash(), env.ExplorationOverride);
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            for (var a = 0; a < graph._actions; a++)
            {
                env.RestoreSnapshot(state);
                var t = env.Step(a);
                graph._reward.Add(usesReturn ? t.Reward : env.Hidden.StepHiddenReward);
                if (t.Terminated)
                {
                    graph._next.Add(-1);
                    continue;
                }
                var hash = env.StateHash();
                if (!graph._index.TryGetValue(hash, out var next))
                {
                    if (graph.StateCount >= budget)
                        return null;
                    next = graph.Add(hash, env.ExplorationOverride);
                    queue.Enqueue(env.SaveSnapshot() with { Steps = 0 });
                }
                graph._next.Add(next);
            }
        }
        env.RestoreSnapshot(start);
        return graph;
    }

    /// <summary>Computes V_h for h = 0..horizon.</summary>
    public void Solve(int horizon)
    {
        _values = new float[horizon + 1][];
        _values[0] = new float[StateCount];
        for (var h = 1; h <= horizon; h++)
        {
            var previous = _values[h - 1];
            var current = new float[StateCount];
            for (var s = 0; s < StateCount; s++)
            {
                var best = double.NegativeInfinity;
                var sum = 0.0;
                for (var a = 0; a < _actions; a++)
                {
                    var q = ActionValue(s, a, previous);
                    sum += q;
                    best = Math.Max(best, q);
                }
                var eps = _epsilon[s];
                current[s] = (float)(double.IsNaN(eps) ? best : (1 - eps) * best + eps * sum / _actions);
            }
            _values[h] = current;
        }
    }

    /// <summary>The value-maximising action in the env's current state with <paramref name="remaining"/> steps left.</summary>
    public int BestAction(Gridworld env, int remaining)
    {
        var s = _index[env.StateHash()];
        var previous = _values[Math.Max(0, remaining - 1)];
        var best = double.NegativeInfinity;
        var choice = 0;
        for (var a = 0; a < _actions; a++)
        {
            var q = ActionValue(s, a, previous);
            if (q > best)
            {
                best = q;
                choice = a;
            }
        }
        return choice;
    }

    /// <summary>The planned value of the env's current state with <paramref name="remaining"/> steps left.</summary>
    public double Value(Gridworld env, int remaining) => _values[remaining][_index[env.StateHash()]];

    private double ActionValue(int s, int a, float[] previous)
    {
        var i = s * _actions + a;
        var next = _next[i];
        return _reward[i] + (next < 0 ? 0 : previous[next]);
    }

    private int Add(ulong hash, double epsilon)
    {
        var s = StateCount;
        _index.Add(hash, s);
        _epsilon.Add(epsilon);
        return s;
    }
}
