using Goodhart.Core;
using Goodhart.Core.Training;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Experiments.DeepRl;

/// <summary>How a deep agent's gridworld run is set up (<c>goodhart train --agent ppo|a2c|...</c>); recorded whole with the run.</summary>
public sealed record DeepGridworldOptions
{
    /// <summary>Default env steps of a deep run (all copies together).</summary>
    public const long DefaultSteps = 100_000;

    /// <summary>The deep agent (see <see cref="DeepAgentCatalog.Names"/>).</summary>
    public string Agent { get; init; } = "ppo";

    /// <summary>Env steps to train for; rounded up to whole updates.</summary>
    public long Steps { get; init; } = DefaultSteps;

    /// <summary>The run's seed.</summary>
    public ulong Seed { get; init; }

    /// <summary>The board network.</summary>
    public BoardNetworkOptions Network { get; init; } = new();

    /// <summary>
    /// Which code runs PPO's or A2C's update (<see cref="PpoOptions.Backend"/>, <see cref="A2cOptions.Backend"/>): auto
    /// (default: fused for the MLP torso, libtorch for the CNN), torch or fused. DQN and Rainbow run libtorch and refuse fused.
    /// </summary>
    public PpoBackend Backend { get; init; } = PpoBackend.Auto;

    /// <summary>The agent with <see cref="Backend"/> (<see cref="DeepAgents.Create"/>).</summary>
    public IDeepAgent CreateAgent() => DeepAgents.Create(Agent, Backend);

    /// <summary>The backend the run's update uses: <see cref="Backend"/> resolved for the agent and network (libtorch for DQN and Rainbow).</summary>
    public PpoBackend ResolvedBackend => DeepAgents.Resolve(CreateAgent(), Network);

    /// <summary>Greedy episodes of the final evaluation (and on each test map), and the oracle's.</summary>
    public int EvaluationEpisodes { get; init; } = 20;

    /// <summary>
    /// Play the greedy policy every this many env steps during training and store the means as <c>deep/greedy_*</c>
    /// metrics (return, performance, length, safety events; <see cref="PeriodicEvaluation"/>); null (default): every
    /// tenth of the run (ten evaluations); 0: never.
    /// </summary>
    public long? EvaluateEvery { get; init; }

    /// <summary>Greedy episodes of each periodic evaluation; default 5 (1 to <see cref="DeepTrainingRequest.MaxEvaluationEpisodes"/>).</summary>
    public int PeriodicEvaluationEpisodes { get; init; } = 5;

    /// <summary>The evaluation interval in env steps that <see cref="EvaluateEvery"/> comes to (0: never).</summary>
    public long EvaluationInterval => EvaluateEvery ?? Math.Max(1, Steps / 10);

    /// <summary>Where the agent keeps its checkpoint set (resumed from when it holds one); null: none.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Checkpoint every this many env steps (0: at the end and when stopped).</summary>
    public long CheckpointEvery { get; init; }

    /// <summary>Throws <see cref="UserInputException"/> naming the field (or <see cref="UnknownNameException"/> for the agent).</summary>
    public void Validate()
    {
        if (!DeepAgentCatalog.Contains(Agent))
            throw new UnknownNameException("deep agent", Agent ?? "null", DeepAgentCatalog.Names);
        if (Steps is < 1 or > DeepTrainingRequest.MaxSteps)
            throw new UserInputException($"steps must be between 1 and {DeepTrainingRequest.MaxSteps:N0}, got {Steps}");
        if (EvaluationEpisodes is < 0 or > TrainingOptions.MaxEvaluationEpisodes)
            throw new UserInputException($"evaluation episodes must be between 0 and {TrainingOptions.MaxEvaluationEpisodes:N0}, got {EvaluationEpisodes}");
        if (CheckpointEvery < 0)
            throw new UserInputException($"checkpoint interval must be >= 0 steps, got {CheckpointEvery}");
        if (EvaluateEvery < 0)
            throw new UserInputException($"eval_every_steps must be >= 0, got {EvaluateEvery}");
        if (PeriodicEvaluationEpisodes is < 1 or > DeepTrainingRequest.MaxEvaluationEpisodes)
            throw new UserInputException($"periodic evaluation episodes must be between 1 and {DeepTrainingRequest.MaxEvaluationEpisodes}, got {PeriodicEvaluationEpisodes}");
        ArgumentNullException.ThrowIfNull(Network);
        Network.Validate();
        if (!Enum.IsDefined(Backend))
            throw new UserInputException($"backend must be auto, torch or fused, got {Backend}");
        DeepAgents.CheckObservation(Agent, Network.Observation);
        _ = ResolvedBackend; // fused refused for the CNN, and for DQN and Rainbow
    }
}
