using Goodhart.Core.Agents;
using Goodhart.Core.Environments;
using Goodhart.Core.Runs;
using Goodhart.Core.Training;

namespace Goodhart.Experiments.GoalMisgeneralization;

/// <summary>
/// A tabular learner (q-learning, sarsa, expected-sarsa, random) as an <see cref="IGoalLearner"/>: episodes of
/// <see cref="TabularTraining.RunEpisode(Gridworld, IAgent, bool)"/> until the step budget is spent, epsilon decaying
/// over the expected number of episodes (short enough to rerun, so it keeps no checkpoints). Its table is keyed by the whole board, so a level it never saw is a row of
/// initial values: it acts at random there (ties are broken at random), which is the contrast the experiment measures.
/// </summary>
/// <param name="name">The learner's name in <see cref="AgentCatalog"/>.</param>
/// <param name="options">Step size, discount, epsilon schedule, initial value.</param>
public sealed class TabularGoalLearner(string name, TabularOptions options) : IGoalLearner
{
    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public IGoalPolicy Train(Func<Gridworld> makeEnv, long steps, ulong seed, string? checkpointDirectory, Action<EpisodeOutcome>? onEpisode, Action<MetricPoint>? onDiagnostic, IProgress<double>? progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(makeEnv);
        var env = makeEnv();
        var agent = AgentCatalog.Create(Name, env.Spec.ActionCount, options, Core.Randomness.Xoshiro256.Derive(seed, TabularTraining.AgentStream));
        env.Reset(Core.Randomness.Xoshiro256.Derive(seed, TabularTraining.EnvStream));
        // The epsilon schedule runs over episodes; plan them from the step cap (episodes end early when they succeed).
        var plannedEpisodes = (int)Math.Clamp(steps / Math.Max(1, env.Spec.MaxSteps / 2), 1, int.MaxValue);
        long taken = 0;
        for (var episode = 0; taken < steps; episode++)
        {
            cancellation.ThrowIfCancellationRequested();
            if (episode > 0)
                env.Reset();
            agent.BeginEpisode(Math.Min(episode, plannedEpisodes), plannedEpisodes);
            var outcome = TabularTraining.RunEpisode(env, agent, learn: true);
            taken += outcome.Length;
            onEpisode?.Invoke(outcome);
            progress?.Report(Math.Min(1, taken / (double)steps));
        }
        return new TabularGoalPolicy(agent);
    }
}
