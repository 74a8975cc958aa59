namespace Goodhart.Core.Oversight;

/// <summary>The settings of <see cref="MctsDebater"/>'s search (defaults in brackets).</summary>
/// <param name="Simulations">Simulations per move, the search's budget [64]: each walks the tree from the current position, adds one node and scores it by a rollout.</param>
/// <param name="Breadth">Moves considered at each node [16]: the legal pixels that are best one move ahead for the side to move (all 784 would leave each visited less than once).</param>
/// <param name="Exploration">UCT's exploration constant c in mean + c sqrt(ln N / n) [1.4, about sqrt 2]; 0 is pure exploitation.</param>
/// <param name="Rollout">How a new leaf is scored [greedy play to the end].</param>
public sealed record MctsOptions(int Simulations = 64, int Breadth = 16, double Exploration = 1.4, MctsRollout Rollout = MctsRollout.Greedy)
{
    /// <summary>The most simulations per move a recipe or request may ask for.</summary>
    public const int MaxSimulations = 10_000;

    /// <summary>The most moves considered per node (a Fashion-MNIST image has 784 pixels).</summary>
    public const int MaxBreadth = 784;

    /// <summary>The largest exploration constant.</summary>
    public const double MaxExploration = 100;

    /// <summary>Throws <see cref="UserInputException"/> naming the field when out of range.</summary>
    public void Validate()
    {
        if (Simulations is < 1 or > MaxSimulations)
            throw new UserInputException($"mcts_simulations: {Simulations} is out of range (1 to {MaxSimulations})");
        if (Breadth is < 1 or > MaxBreadth)
            throw new UserInputException($"mcts_breadth: {Breadth} is out of range (1 to {MaxBreadth})");
        if (!(Exploration is >= 0 and <= MaxExploration))
            throw new UserInputException($"mcts_exploration: {Exploration} is out of range (0 to {MaxExploration})");
        if (!Enum.IsDefined(Rollout))
            throw new UserInputException($"mcts_rollout: {Rollout} is not greedy or random");
    }
}
