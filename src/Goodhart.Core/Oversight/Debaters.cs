namespace Goodhart.Core.Oversight;

/// <summary>The debaters by name, as recipes (<c>debater</c>) and the workbench name them.</summary>
public static class Debaters
{
    /// <summary>One move of look-ahead (<see cref="GreedyDebater"/>).</summary>
    public const string Greedy = "greedy";

    /// <summary>Monte Carlo tree search (<see cref="MctsDebater"/>).</summary>
    public const string Mcts = "mcts";

    /// <summary>Every name.</summary>
    public static readonly IReadOnlyList<string> Names = [Greedy, Mcts];

    /// <summary>The rollout names of <see cref="MctsRollout"/> (<c>greedy</c>, <c>random</c>).</summary>
    public static readonly IReadOnlyList<string> Rollouts = ["greedy", "random"];

    /// <summary>The rollout named <paramref name="name"/>; throws <see cref="UserInputException"/> naming <paramref name="field"/> otherwise.</summary>
    public static MctsRollout ParseRollout(string name, string field) => name switch
    {
        "greedy" => MctsRollout.Greedy,
        "random" => MctsRollout.Random,
        _ => throw new UserInputException($"{field}: '{name}' is not a rollout (one of: {string.Join(", ", Rollouts)})"),
    };

    /// <summary>Throws <see cref="UserInputException"/> naming <paramref name="field"/> unless <paramref name="name"/> is a debater.</summary>
    public static void Check(string name, string field)
    {
        if (!Names.Contains(name))
            throw new UserInputException($"{field}: '{name}' is not a debater (one of: {string.Join(", ", Names)})");
    }

    /// <summary>The debater named <paramref name="name"/>; an MCTS one searches with <paramref name="mcts"/> and draws from <paramref name="seed"/>.</summary>
    public static IDebater Create(string name, MctsOptions mcts, ulong seed)
    {
        Check(name, "debater");
        return name == Mcts ? new MctsDebater(mcts, seed) : GreedySearch.Instance;
    }
}
