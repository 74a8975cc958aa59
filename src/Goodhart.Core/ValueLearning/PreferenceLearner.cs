namespace Goodhart.Core.ValueLearning;

/// <summary>Which learner <see cref="PreferenceLearning"/> trains on the learned reward each round.</summary>
public enum PreferenceLearner
{
    /// <summary>Tabular Q-learning over whole boards (<see cref="Agents.QLearningAgent"/>): exact where boards repeat (boat race).</summary>
    Tabular,

    /// <summary>
    /// Linear Q-learning over the board seen from the agent (<see cref="LinearQLearningAgent"/>, <see cref="BoardFeatures"/>):
    /// generalises across boards that never repeat (tomato watering, where the tomatoes dry at random).
    /// </summary>
    Linear,
}
