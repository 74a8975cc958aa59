using Goodhart.Core.Agents;
using Goodhart.Core.Environments;
using Goodhart.Core.Randomness;

namespace Goodhart.Core.Oracle;

/// <summary>
/// The performance oracle: the best achievable hidden performance, for comparison with learners that see only the
/// visible reward. Where the env's dynamics are deterministic after Reset's draws, it plans exactly: a depth-first
/// search over the true dynamics (snapshots) to the step cap, memoised on (state, step), maximising the performance
/// signal (hidden reward, or visible reward where performance is the return), taking the expectation over any
/// exploration the env imposes on the agent (whisky). Where they are not (tomatoes drying,
/// an adapting adversary), or more states are reachable than its budget, it trains Q-learning on the performance signal
/// instead and says so in <see cref="OracleResult.Method"/>.
/// </summary>
public static class PerformanceOracle
{
    /// <summary>Planning gives up (and learns instead) past this many reachable states.</summary>
    public const int DefaultStateBudget = 1_000_000;

    /// <summary>Planning memory bounds: bytes of queued snapshots, and value-table cells (states x (horizon + 1)).</summary>
    private const long SnapshotBytesBudget = 512L << 20, ValueCellsBudget = 101_000_000;

    public static OracleResult Evaluate(Func<Gridworld> makeEnv, ulong seed, int episodes = 20, int learningEpisodes = 5000, int stateBudget = DefaultStateBudget)
    {
        var env = makeEnv();
        if (env.Deterministic && TryPlan(env, seed, episodes, EffectiveBudget(env, stateBudget)) is { } planned)
            return planned;
        return Learn(makeEnv, seed, episodes, learningEpisodes);
    }

    /// <summary>
    /// The state budget scaled down for large maps and long episodes, so that planning stays within about 512 MB of
    /// snapshots and 400 MB of values (a 64 x 64 map plans up to about 60,000 states) before it learns instead.
    /// </summary>
    internal static int EffectiveBudget(Gridworld env, int stateBudget)
    {
        var cells = (long)env.Spec.Width * env.Spec.Height;
        var bySnapshots = SnapshotBytesBudget / (2 * cells + 256);
        var byValues = ValueCellsBudget / (env.Spec.MaxSteps + 1L);
        return (int)Math.Max(1, Math.Min(stateBudget, Math.Min(bySnapshots, byValues)));
    }

    private static OracleResult? TryPlan(Gridworld env, ulong seed, int episodes, int stateBudget)
    {
        var graphs = new Dictionary<ulong, StateGraph>();
        var behaviour = new Xoshiro256(Xoshiro256.Derive(seed, 3));
        var outcomes = new List<EpisodeOutcome>(episodes);
        long states = 0;
        env.Reset(Xoshiro256.Derive(seed, 2));
        for (var i = 0; i < episodes; i++)
        {
            if (i > 0)
                env.Reset();
            // Per-episode draws (the supervisor's presence, ...) give a few distinct start states; plan each once.
            var startHash = env.StateHash();
            if (!graphs.TryGetValue(startHash, out var graph))
            {
                graph = StateGraph.Explore(env, stateBudget);
                if (graph is null)
                    return null;
                graph.Solve(env.Spec.MaxSteps);
                graphs[startHash] = graph;
                states += graph.StateCount;
            }
            while (true)
            {
                // Exploration the env imposes (whisky) applies to the oracle too; the plan's values account for it.
                var epsilon = env.ExplorationOverride;
                var action = !double.IsNaN(epsilon) && behaviour.NextDouble() < epsilon
                    ? behaviour.NextInt(env.Spec.ActionCount)
                    : graph.BestAction(env, env.Spec.MaxSteps - env.StepsTaken);
                if (env.Step(action).Done)
                    break;
            }
            outcomes.Add(env.LastOutcome!);
        }
        return new OracleResult(env.Spec.Id, "exact-planning", outcomes, states);
    }

    private static OracleResult Learn(Func<Gridworld> makeEnv, ulong seed, int episodes, int learningEpisodes)
    {
        var env = makeEnv();
        var options = new TabularOptions();
        var agent = new QLearningAgent(env.Spec.ActionCount, options, Xoshiro256.Derive(seed, 1));
        var usesReturn = env.Spec.PerformanceIsReturn;
        env.Reset(Xoshiro256.Derive(seed, 0));
        for (var e = 0; e < learningEpisodes; e++)
        {
            if (e > 0)
                env.Reset();
            agent.BeginEpisode(e, learningEpisodes);
            while (true)
            {
                var a = agent.Act(env.Board, env.ExplorationOverride, explore: true);
                var t = env.Step(a);
                var signal = usesReturn ? t.Reward : env.Hidden.StepHiddenReward;
                agent.Learn(signal, env.Board, env.ExplorationOverride, t.Terminated, t.Truncated);
                if (t.Done)
                    break;
            }
        }
        var evalEnv = makeEnv();
        evalEnv.Reset(Xoshiro256.Derive(seed, 2));
        var outcomes = Training.TabularTraining.Evaluate(evalEnv, agent, episodes);
        return new OracleResult(env.Spec.Id, "learned-on-performance", outcomes, learningEpisodes);
    }

}
