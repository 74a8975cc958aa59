using Goodhart.Core.Environments;

namespace Goodhart.Learning.DeepRl;

/// <summary>What to train a deep agent on, for how long, from which seed, and where to keep its checkpoints.</summary>
public sealed record DeepTrainingRequest
{
    /// <summary>The most env steps a request may ask for.</summary>
    public const long MaxSteps = 100_000_000;

    /// <summary>
    /// Builds one copy of the training env; called once per copy of the batch (a fresh instance each time, all of the
    /// same <see cref="BoardShape"/>). A level generator is a Gridworld whose reset draws a new layout from its seed.
    /// </summary>
    public required Func<Gridworld> MakeEnv { get; init; }

    /// <summary>Env steps to train for, all copies together; rounded up to whole updates (copies x rollout steps).</summary>
    public long Steps { get; init; } = 100_000;

    /// <summary>The run's seed: weights, copies' envs, action sampling and minibatch order derive from it.</summary>
    public ulong Seed { get; init; }

    /// <summary>The board network.</summary>
    public BoardNetworkOptions Network { get; init; } = new();

    /// <summary>Where the checkpoint set lives; resumed from when it holds one. Null: no checkpoints.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Save a checkpoint after every update that passes a multiple of this many env steps (0: only at the end and when cancelled).</summary>
    public long CheckpointEvery { get; init; }

    /// <summary>
    /// Play the greedy policy every this many env steps (after the update that passes each multiple) and report the
    /// episodes' means as <c>greedy_*</c> diagnostics (<see cref="PeriodicEvaluation"/>); 0 (default): never.
    /// </summary>
    public long EvaluateEvery { get; init; }

    /// <summary>Greedy episodes of each periodic evaluation, 1 to <see cref="MaxEvaluationEpisodes"/>; default 5.</summary>
    public int EvaluationEpisodes { get; init; } = 5;

    /// <summary>The most greedy episodes a periodic evaluation may ask for.</summary>
    public const int MaxEvaluationEpisodes = 1000;

    /// <summary>Throws <see cref="Core.UserInputException"/> naming the field when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(MakeEnv);
        if (Steps is < 1 or > MaxSteps)
            throw new Core.UserInputException($"steps must be between 1 and {MaxSteps:N0}, got {Steps}");
        if (CheckpointEvery < 0)
            throw new Core.UserInputException($"checkpoint interval must be >= 0 steps, got {CheckpointEvery}");
        if (EvaluateEvery < 0)
            throw new Core.UserInputException($"evaluation interval must be >= 0 steps, got {EvaluateEvery}");
        if (EvaluationEpisodes is < 1 or > MaxEvaluationEpisodes)
            throw new Core.UserInputException($"periodic evaluation episodes must be between 1 and {MaxEvaluationEpisodes}, got {EvaluationEpisodes}");
        ArgumentNullException.ThrowIfNull(Network);
        Network.Validate();
    }
}
