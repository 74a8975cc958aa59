using Goodhart.Core;
using Goodhart.Core.Agents;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Experiments.GoalMisgeneralization;

/// <summary>The name -> <see cref="IGoalLearner"/> registry of the goal-misgeneralization kind and the workbench.</summary>
public static class GoalLearners
{
    /// <summary>Every learner name: the deep agents, then the tabular ones.</summary>
    public static IReadOnlyList<string> Names => [.. DeepAgentCatalog.Names, .. AgentCatalog.Names];

    /// <summary>The learner called <paramref name="name"/>, set up from <paramref name="config"/>.</summary>
    /// <exception cref="UnknownNameException">No such learner.</exception>
    public static IGoalLearner Create(string name, GoalMisgeneralizationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (AgentCatalog.Names.Contains(name, StringComparer.Ordinal))
            return new TabularGoalLearner(name, config.Tabular);
        if (name == "ppo")
            return new DeepGoalLearner(new Ppo(config.Ppo), config.Network);
        if (DeepAgentCatalog.Contains(name))
            return new DeepGoalLearner(DeepRl.DeepAgents.Create(name, DeepRl.DeepBackendNames.Parse(config.Backend)), config.Network);
        throw new UnknownNameException("agent", name, Names);
    }
}
