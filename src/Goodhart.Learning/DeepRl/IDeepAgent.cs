namespace Goodhart.Learning.DeepRl;

/// <summary>
/// A deep RL learner for the gridworlds (PPO, A2C here; DQN and Rainbow in <c>DeepRl/Dqn</c>), found by name in
/// <see cref="DeepAgentCatalog"/>. It trains on a batch of copies of the env from the one-hot board planes, sees only
/// the visible reward, and hands back the trained policy with every training episode's measurements.
/// </summary>
public interface IDeepAgent
{
    /// <summary>The agent's name on the command line and in the run store (<c>ppo</c>, <c>a2c</c>, ...).</summary>
    string Name { get; }

    /// <summary>One line: what the agent is.</summary>
    string Description { get; }

    /// <summary>
    /// Trains for <see cref="DeepTrainingRequest.Steps"/> env steps (all copies together) from the request's seed,
    /// resuming bit-exactly from <see cref="DeepTrainingRequest.CheckpointDirectory"/> when it holds a set written by the
    /// same agent with the same settings (a set written with other settings is refused with a
    /// <see cref="Checkpoints.CheckpointFormatException"/>). Stops between updates when <paramref name="cancellation"/>
    /// fires, after saving a checkpoint when a directory was given, by throwing <see cref="OperationCanceledException"/>.
    /// The caller owns the returned policy.
    /// </summary>
    DeepTrainingResult Train(DeepTrainingRequest request, DeepTrainingHooks? hooks = null, CancellationToken cancellation = default);

    /// <summary>Loads a policy this agent saved with <see cref="IDeepPolicy.Save"/>.</summary>
    IDeepPolicy LoadPolicy(string path);
}
