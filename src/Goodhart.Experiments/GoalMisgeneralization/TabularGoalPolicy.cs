using Goodhart.Core.Agents;
using Goodhart.Core.Environments;
using Goodhart.Core.Training;

namespace Goodhart.Experiments.GoalMisgeneralization;

/// <summary>A trained tabular learner acting greedily (random among tied values, so at random on boards it never saw).</summary>
internal sealed class TabularGoalPolicy(IAgent agent) : IGoalPolicy
{
    /// <inheritdoc />
    public EpisodeOutcome Run(Gridworld env) => TabularTraining.RunEpisode(env, agent, learn: false);

    /// <inheritdoc />
    public int Act(Gridworld env)
    {
        ArgumentNullException.ThrowIfNull(env);
        return agent.Act(env.Board, env.ExplorationOverride, explore: false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
