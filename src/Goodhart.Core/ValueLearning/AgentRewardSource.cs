namespace Goodhart.Core.ValueLearning;

/// <summary>What <see cref="PreferenceLearning"/>'s agent is paid.</summary>
public enum AgentRewardSource
{
    /// <summary>The reward learned from the overseer's answers (the experiment).</summary>
    Learned,

    /// <summary>
    /// The env's true hidden reward (a diagnostic of the learner alone: how well it does when the reward is right; the
    /// queries are still asked and the ensemble fitted, but the agent never sees them).
    /// </summary>
    Hidden,
}
