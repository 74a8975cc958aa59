namespace Goodhart.Core.Agents;

/// <summary>The name -> learner registry used by the CLI, the reproduction and the web.</summary>
public static class AgentCatalog
{
    /// <summary>The learners that see only the visible reward.</summary>
    public static readonly IReadOnlyList<string> Names = ["q-learning", "sarsa", "expected-sarsa", "random"];

    public static IAgent Create(string name, int actionCount, TabularOptions options, ulong seed) => name switch
    {
        "q-learning" => new QLearningAgent(actionCount, options, seed),
        "sarsa" => new SarsaAgent(actionCount, options, seed),
        "expected-sarsa" => new ExpectedSarsaAgent(actionCount, options, seed),
        "random" => new RandomAgent(actionCount, seed),
        _ => throw new UnknownNameException("agent", name, Names),
    };
}
