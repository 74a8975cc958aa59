using Goodhart.Core.Environments;

namespace Goodhart.Core.Training;

/// <summary>
/// Optional hooks into <see cref="TabularTraining"/>'s loop, for callers that change what the learner is paid (the
/// web game's reward specifications) or watch every episode (replays, live boards). Null members do nothing, and
/// without hooks the loop is unchanged.
/// </summary>
public sealed record TabularTrainingHooks
{
    /// <summary>
    /// The reward the learner sees for a step, from the step (the env after it, the action and the transition with
    /// the level's visible reward); called on training and evaluation steps. Null: the visible reward.
    /// </summary>
    public Func<TabularStep, double>? Reward { get; init; }

    /// <summary>Called after an episode's reset, before its first step (training and evaluation episodes).</summary>
    public Action<TabularEpisode>? EpisodeStarted { get; init; }

    /// <summary>Called when an episode ends, with its outcome (training and evaluation episodes).</summary>
    public Action<TabularEpisode, EpisodeOutcome>? EpisodeEnded { get; init; }
}
