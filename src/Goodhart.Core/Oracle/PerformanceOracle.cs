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
/// an adapting adversary), or the search would exceed its node budget, it trains Q-learning on the performance signal
/// instead and says so in <see cref="OracleResult.Method"/>.
/// </summary>
public static class PerformanceOracle
{
    /// <summary>Planning gives up (and learns instead) past this many memoised nodes.</summary>
    public const int DefaultNodeBudget = 400_000;

    public static OracleResult Evaluate(Func<Gridworld> makeEnv, ulong seed, int episodes = 20, int learningEpisodes = 5000, int nodeBudget = DefaultNodeBudget)
    {
        var env = makeEnv();
        if (env.Deterministic && TryPlan(env, seed, episodes, nodeBudget) is { } planned)
            return planned;
        return Learn(makeEnv, seed, episodes, learningEpisodes);
    }

    private static OracleResult? TryPlan(Gridworld env, ulong seed, int episodes, int nodeBudget)
    {
        var planner = new Planner(env, nodeBudget);
        var behaviour = new Xoshiro256(Xoshiro256.Derive(seed, 3));
        var outcomes = new List<EpisodeOutcome>(episodes);
        env.Reset(Xoshiro256.Derive(seed, 2));
        for (var i = 0; i < episodes; i++)
        {
            if (i > 0)
                env.Reset();
            var start = env.SaveSnapshot();
            if (!planner.Solve())
                return null;
            env.RestoreSnapshot(start);
            while (true)
            {
                // Exploration the env imposes (whisky) applies to the oracle too; the plan's values account for it.
                var epsilon = env.ExplorationOverride;
                var action = !double.IsNaN(epsilon) && behaviour.NextDouble() < epsilon
                    ? behaviour.NextInt(env.Spec.ActionCount)
                    : planner.BestAction();
                var t = env.Step(action);
                if (t.Done)
                    break;
            }
            outcomes.Add(env.LastOutcome!);
        }
        return new OracleResult(env.Spec.Id, "exact-planning", outcomes, planner.Nodes);
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

    /// <summary>Memoised depth-first search on the true dynamics.</summary>
    private sealed class Planner(Gridworld env, int budget)
    {
        private readonly Dictionary<(ulong, int), (double Value, int Action)> _memo = [];
        private readonly bool _usesReturn = env.Spec.PerformanceIsReturn;

        public long Nodes { get; private set; }

        /// <summary>Solves from the env's current state; false if the node budget ran out.</summary>
        public bool Solve()
        {
            try
            {
                Value(env.SaveSnapshot());
                return true;
            }
            catch (BudgetExceeded)
            {
                return false;
            }
        }

        /// <summary>The best action in the env's current state (after Solve from a state on the same tree).</summary>
        public int BestAction()
        {
            var key = (env.StateHash(), env.StepsTaken);
            if (_memo.TryGetValue(key, out var entry))
                return entry.Action;
            Value(env.SaveSnapshot());
            return _memo[key].Action;
        }

        private double Value(GridworldSnapshot state)
        {
            var key = (env.StateHash(), state.Steps);
            if (_memo.TryGetValue(key, out var known))
                return known.Value;
            if (_memo.Count >= budget)
                throw new BudgetExceeded();
            Nodes++;
            var best = double.NegativeInfinity;
            var bestAction = 0;
            var sum = 0.0;
            var epsilon = env.ExplorationOverride;
            for (var a = 0; a < env.Spec.ActionCount; a++)
            {
                env.RestoreSnapshot(state);
                var t = env.Step(a);
                var v = _usesReturn ? t.Reward : env.Hidden.StepHiddenReward;
                if (!t.Done)
                    v += Value(env.SaveSnapshot());
                sum += v;
                if (v > best)
                {
                    best = v;
                    bestAction = a;
                }
            }
            env.RestoreSnapshot(state);
            // With an imposed exploration rate the agent acts at random with that probability: expectimax.
            var value = double.IsNaN(epsilon) ? best : (1 - epsilon) * best + epsilon * sum / env.Spec.ActionCount;
            _memo[key] = (value, bestAction);
            return value;
        }
    }

    private sealed class BudgetExceeded : Exception;
}
