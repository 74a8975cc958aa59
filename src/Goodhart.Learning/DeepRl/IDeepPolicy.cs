using Goodhart.Core.Environments;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// A trained deep policy: scores for each action from a board (logits for the actor-critic agents, action values
/// for the Q-learners); the greedy action is the highest score (<see cref="DeepPolicyRunner"/>). The owner disposes it.
/// </summary>
public interface IDeepPolicy : IDisposable
{
    /// <summary>The agent that trained it (<c>ppo</c>, <c>a2c</c>, ...).</summary>
    string Agent { get; }

    /// <summary>The boards it reads: tile alphabet (one plane per tile), height, width and action count.</summary>
    BoardShape Shape { get; }

    /// <summary>One score per action for the board of <paramref name="env"/> (which must have <see cref="Shape"/>).</summary>
    float[] ActionScores(Gridworld env);

    /// <summary>Writes the policy (weights, shape and the agent's name) to one safetensors file.</summary>
    void Save(string path);
}
