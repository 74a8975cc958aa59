using Goodhart.Core.Environments;
using Goodhart.Core.Oracle;

namespace Goodhart.Core.ValueLearning;

/// <summary>
/// Demonstrations by the performance oracle's exact planner (<see cref="StateGraph"/>: depth-first planning on the
/// true dynamics, maximising the performance signal): its episodes from resets with the given seeds, recorded as
/// (state, action) steps of a <see cref="StateSpace"/> of the same env, with their outcomes.
/// </summary>
public static class OracleDemonstrations
{
    /// <summary>Plays one oracle episode per seed on <paramref name="env"/> (deterministic; every episode must stay in <paramref name="space"/>, else <see cref="UserInputException"/>).</summary>
    public static (IReadOnlyList<IReadOnlyList<(int State, int Action)>> Demos, IReadOnlyList<EpisodeOutcome> Outcomes) Record(Gridworld env, StateSpace space, IReadOnlyList<ulong> seeds)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(seeds);
        var demos = new List<IReadOnlyList<(int State, int Action)>>();
        var outcomes = new List<EpisodeOutcome>();
        foreach (var seed in seeds)
        {
            env.Reset(seed);
            var graph = StateGraph.Explore(env, StateSpace.MaxStates)
                ?? throw new UserInputException($"{env.Spec.Id}: more than {StateSpace.MaxStates:N0} reachable states; the oracle cannot plan it");
            graph.Solve(env.Spec.MaxSteps);
            var demo = new List<(int State, int Action)>();
            while (true)
            {
                var s = space.IndexOf(env);
                var a = graph.BestAction(env, env.Spec.MaxSteps - env.StepsTaken);
                if (s < 0)
                    throw new UserInputException($"{env.Spec.Id}: the oracle's episode left the explored state graph (a map drawn at reset differs between seeds); demonstrations need one fixed map");
                demo.Add((s, a));
                if (env.Step(a).Done)
                    break;
            }
            demos.Add(demo);
            outcomes.Add(env.LastOutcome!);
        }
        return (demos, outcomes);
    }
}
