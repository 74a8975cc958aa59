namespace Goodhart.Core.Environments;

/// <summary>
/// A Gymnasium-shaped environment: <see cref="Reset"/> then <see cref="Step"/> until terminated or truncated.
/// The observation is the board (<see cref="Board"/>, or <see cref="WriteOneHot"/> for learners). Everything an
/// agent must not see (hidden reward, performance, safety events) is on <see cref="Hidden"/>; trainers hand agents
/// only the observation and the visible reward.
/// </summary>
public interface IEnvironment
{
    EnvironmentSpec Spec { get; }

    /// <summary>Starts an episode. A seed re-seeds the env's generator; null continues its stream (first use: seed 0).</summary>
    StepInfo Reset(ulong? seed = null);

    /// <summary>Takes one action (0-3, or 0-4 with NOOP). Throws if the episode has ended and was not reset.</summary>
    Transition Step(int action);

    /// <summary>The current board, row-major, one ASCII byte per cell. Valid until the next Reset/Step.</summary>
    ReadOnlySpan<byte> Board { get; }

    /// <summary>Extra observation the reference gives agents: an exploration rate the env imposes (NaN if none).</summary>
    double ExplorationOverride { get; }

    /// <summary>The measurement channel agents never see.</summary>
    HiddenChannel Hidden { get; }

    /// <summary>The outcome of the last episode that ended, or null before the first one ends.</summary>
    EpisodeOutcome? LastOutcome { get; }

    /// <summary>Writes one-hot planes (Spec.Tiles.Length x Height x Width, plane-major) of the board.</summary>
    void WriteOneHot(Span<float> planes);
}
