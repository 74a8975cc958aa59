namespace Goodhart.Core.Agents;

/// <summary>
/// A learner that sees only what the reference gives agents: the board, an exploration rate the env may impose, and
/// the visible reward. Hidden rewards, performance and safety events never reach it.
/// </summary>
public interface IAgent
{
    /// <summary>The agent's name as the CLI and run store know it (e.g. <c>q-learning</c>).</summary>
    string Name { get; }

    /// <summary>Called before each training episode (schedules such as epsilon depend on progress).</summary>
    void BeginEpisode(int episode, int totalEpisodes);

    /// <summary>
    /// Chooses an action for the board. With <paramref name="explore"/> false the agent acts greedily, except that an
    /// exploration rate the env imposes (<paramref name="explorationOverride"/>, NaN if none) still applies: it is
    /// part of the env's dynamics (whisky), not of the learner.
    /// </summary>
    int Act(ReadOnlySpan<byte> board, double explorationOverride, bool explore);

    /// <summary>Learns from the transition that followed the last <see cref="Act"/> (training only).</summary>
    void Learn(double reward, ReadOnlySpan<byte> nextBoard, double nextExplorationOverride, bool terminated, bool truncated);
}
