using Goodhart.Core.Environments;

namespace Goodhart.Core.ValueLearning;

/// <summary>
/// The explicit reachable state graph of a deterministic gridworld from its start (breadth-first over snapshots on the
/// true dynamics, as the oracle explores): per state and action the next state, the visible and the hidden reward.
/// A transition that ends the episode leads to a terminal state, which loops to itself with no reward. The step cap
/// is not part of the state (the graph is of board states; time is the planner's business), so envs whose rewards depend
/// on the step count (<see cref="Gridworld.RewardDependsOnStep"/>) are refused.
/// </summary>
public sealed class StateSpace
{
    /// <summary>Most states explored (a documented limit: larger envs are refused).</summary>
    public const int MaxStates = 20_000;

    private const ulong TerminalSalt = 0x5DEECE66DUL;

    private readonly Dictionary<ulong, int> _index = [];
    private readonly List<int[]> _next = [];
    private readonly List<double[]> _reward = [];
    private readonly List<double[]> _hidden = [];
    private readonly List<bool> _terminal = [];
    private readonly List<byte[]> _boards = [];

    private StateSpace(int actions) => Actions = actions;

    /// <summary>Number of states.</summary>
    public int Count => _terminal.Count;

    /// <summary>Number of actions (5 with NOOP).</summary>
    public int Actions { get; }

    /// <summary>The start state's index (0).</summary>
    public int Start => 0;

    /// <summary>The next state after <paramref name="action"/> in <paramref name="state"/>.</summary>
    public int Next(int state, int action) => _next[state][action];

    /// <summary>The visible reward of the transition.</summary>
    public double Reward(int state, int action) => _reward[state][action];

    /// <summary>The hidden reward of the transition.</summary>
    public double Hidden(int state, int action) => _hidden[state][action];

    /// <summary>Whether the state ends the episode (it loops to itself).</summary>
    public bool IsTerminal(int state) => _terminal[state];

    /// <summary>The board shown in the state (row-major ASCII).</summary>
    public ReadOnlySpan<byte> Board(int state) => _boards[state];

    /// <summary>The index of the env's current (non-terminal) state, or -1 when the graph does not hold it.</summary>
    public int IndexOf(Gridworld env) => _index.TryGetValue(env.StateHash(), out var s) ? s : -1;

    /// <summary>
    /// Explores <paramref name="env"/> from a reset with <paramref name="seed"/>; throws <see cref="UserInputException"/>
    /// when the env is not deterministic or has more than <see cref="MaxStates"/> reachable states.
    /// </summary>
    public static StateSpace Explore(Gridworld env, ulong seed = 0, int maxStates = MaxStates)
    {
        ArgumentNullException.ThrowIfNull(env);
        if (!env.Deterministic)
            throw new UserInputException($"{env.Spec.Id}: its dynamics are random; the state graph needs a deterministic env");
        if (env.RewardDependsOnStep)
            throw new UserInputException($"{env.Spec.Id}: its rewards depend on the step count, which the state graph leaves out of the state; it cannot be explored");
        env.Reset(seed);
        var space = new StateSpace(env.Spec.ActionCount);
        var start = env.SaveSnapshot() with { Steps = 0 };
        space.Add(env.StateHash(), env.Board, terminal: false);
        var queue = new Queue<(int Index, GridworldSnapshot Snapshot)>();
        queue.Enqueue((0, start));
        while (queue.Count > 0)
        {
            var (s, state) = queue.Dequeue();
            for (var a = 0; a < space.Actions; a++)
            {
                env.RestoreSnapshot(state);
                var t = env.Step(a);
                space._reward[s][a] = t.Reward;
                space._hidden[s][a] = env.Hidden.StepHiddenReward;
                var hash = t.Terminated ? env.StateHash() ^ TerminalSalt : env.StateHash();
                if (!space._index.TryGetValue(hash, out var next))
                {
                    if (space.Count >= maxStates)
                        throw new UserInputException($"{env.Spec.Id}: more than {maxStates:N0} reachable states; the state graph is limited to that many");
                    next = space.Add(hash, env.Board, t.Terminated);
                    if (!t.Terminated)
                        queue.Enqueue((next, env.SaveSnapshot() with { Steps = 0 }));
                }
                space._next[s][a] = next;
            }
        }
        env.Reset(seed);
        return space;
    }

    /// <summary>Builds a graph from explicit tables (tests, hand-made MDPs): <c>next[s][a]</c>, rewards per transition, terminal flags.</summary>
    public static StateSpace FromTables(int[][] next, double[][] reward, bool[] terminal)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(reward);
        ArgumentNullException.ThrowIfNull(terminal);
        var space = new StateSpace(next[0].Length);
        for (var s = 0; s < next.Length; s++)
        {
            space.Add((ulong)s, [], terminal[s]);
            if (terminal[s])
                continue;
            for (var a = 0; a < space.Actions; a++)
            {
                space._next[s][a] = next[s][a];
                space._reward[s][a] = reward[s][a];
                space._hidden[s][a] = reward[s][a];
            }
        }
        return space;
    }

    private int Add(ulong hash, ReadOnlySpan<byte> board, bool terminal)
    {
        var s = Count;
        _index.Add(hash, s);
        _terminal.Add(terminal);
        _boards.Add(board.ToArray());
        _next.Add(terminal ? [.. Enumerable.Repeat(s, Actions)] : new int[Actions]);
        _reward.Add(new double[Actions]);
        _hidden.Add(new double[Actions]);
        return s;
    }
}
