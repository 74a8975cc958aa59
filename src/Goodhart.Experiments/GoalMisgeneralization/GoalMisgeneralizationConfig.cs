using Goodhart.Core.Agents;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Experiments.GoalMisgeneralization;

/// <summary>
/// The <c>goal-misgeneralization</c> kind's configuration (recipe fields in snake_case): a level family, a learner, the
/// share of decorrelated training levels, the training budget and the number of test levels.
/// </summary>
public sealed record GoalMisgeneralizationConfig
{
    /// <summary>The level family: a procedural env (<c>goal_in_corner</c>, <c>keys_and_chests</c>) whose <c>test</c> level is the shifted distribution.</summary>
    public string Family { get; init; } = "goal_in_corner";

    /// <summary>The learner (<see cref="GoalLearners.Names"/>).</summary>
    public string Agent { get; init; } = "q-learning";

    /// <summary>Share of training levels in which goal and proxy are decorrelated (0 to 1).</summary>
    public double DecorrelationShare { get; init; }

    /// <summary>Training env steps (1 to 100,000,000).</summary>
    public long Steps { get; init; } = 100_000;

    /// <summary>Distinct training levels (0: a fresh level every episode, as procgen's unbounded level set; at most 1,000,000).</summary>
    public int TrainingLevels { get; init; }

    /// <summary>Fresh test levels the frozen policy is run on, and as many training-distribution levels (1 to 100,000).</summary>
    public int TestEpisodes { get; init; } = 200;

    /// <summary>Level constant overrides, <c>name=value</c> (as <c>goodhart train --set</c>), e.g. <c>wall_density=0</c>.</summary>
    public IReadOnlyList<string> Set { get; init; } = [];

    /// <summary>Tabular learners: step size alpha.</summary>
    public double LearningRate { get; init; } = new TabularOptions().LearningRate;

    /// <summary>Tabular learners: discount gamma.</summary>
    public double Discount { get; init; } = new TabularOptions().Discount;

    /// <summary>Tabular learners: epsilon at the first episode.</summary>
    public double EpsilonStart { get; init; } = new TabularOptions().EpsilonStart;

    /// <summary>Tabular learners: epsilon after the decay.</summary>
    public double EpsilonEnd { get; init; } = new TabularOptions().EpsilonEnd;

    /// <summary>Deep agents: the board network's torso, <c>cnn</c> (default: it reads a layout it never saw) or <c>mlp</c>.</summary>
    public string Torso { get; init; } = "cnn";

    /// <summary>
    /// Deep agents: what the torso reads, <c>board</c> (default: the one-hot board as it lies; every figure before
    /// 5 December 2026) or <c>egocentric</c> (the board shifted so the agent sits at the centre of a (2H-1) x (2W-1)
    /// window, outside cells as wall; <see cref="BoardObservation"/>).
    /// </summary>
    public string Observation { get; init; } = "board";

    /// <summary>
    /// PPO and A2C: which code runs the update, <c>auto</c> (default: the fused C# update for the MLP torso, libtorch
    /// for the CNN), <c>torch</c> or <c>fused</c> (MLP only; DQN and Rainbow refuse it).
    /// </summary>
    public string Backend { get; init; } = "auto";

    /// <summary>Deep agents: width of the torso's fully connected layer (default 64).</summary>
    public int Hidden { get; init; } = 64;

    /// <summary>Deep agents: channels of the CNN's convolutions (default 16).</summary>
    public int Channels { get; init; } = 16;

    /// <summary>PPO: copies of the env stepped together (default 16).</summary>
    public int Envs { get; init; } = new PpoOptions().Envs;

    /// <summary>PPO: steps per copy in each rollout (default 32).</summary>
    public int RolloutSteps { get; init; } = new PpoOptions().RolloutSteps;

    /// <summary>PPO: Adam's peak learning rate (default 1e-3, annealed to 0).</summary>
    public double DeepLearningRate { get; init; } = new PpoOptions().Optimiser.LearningRate;

    /// <summary>PPO: weight of the entropy bonus (default 0.01).</summary>
    public double EntropyCoefficient { get; init; } = new PpoOptions().EntropyCoefficient;

    /// <summary>
    /// PPO: the visible reward is multiplied by this before the agent learns from it (default 0.1, PPO's default for the
    /// gridworlds' -1 a step and +50 goals; these families pay +1 a goal or chest, so the value targets are ten times smaller).
    /// </summary>
    public double RewardScale { get; init; } = new PpoOptions().RewardScale;

    /// <summary>The board network these fields give.</summary>
    public BoardNetworkOptions Network => new()
    {
        Torso = Torso switch
        {
            "cnn" => BoardTorsoKind.Cnn,
            "mlp" => BoardTorsoKind.Mlp,
            _ => throw new Core.UserInputException($"torso must be cnn or mlp, got '{Torso}'"),
        },
        Hidden = Hidden,
        Channels = Channels,
        Observation = Observation switch
        {
            "board" => BoardObservationKind.Board,
            "egocentric" => BoardObservationKind.Egocentric,
            _ => throw new Core.UserInputException($"observation must be board or egocentric, got '{Observation}'"),
        },
    };

    /// <summary>The PPO options these fields give.</summary>
    public PpoOptions Ppo
    {
        get
        {
            var defaults = new PpoOptions();
            return defaults with
            {
                Envs = Envs,
                RolloutSteps = RolloutSteps,
                EntropyCoefficient = EntropyCoefficient,
                RewardScale = RewardScale,
                Optimiser = defaults.Optimiser with { LearningRate = DeepLearningRate },
                Backend = DeepRl.DeepBackendNames.Parse(Backend),
            };
        }
    }

    /// <summary>The tabular options these fields give.</summary>
    public TabularOptions Tabular => new()
    {
        LearningRate = LearningRate,
        Discount = Discount,
        EpsilonStart = EpsilonStart,
        EpsilonEnd = EpsilonEnd,
    };

    /// <summary>The level constant overrides of the training env: <see cref="Set"/> plus the share and the level pool.</summary>
    public IReadOnlyList<string> TrainingOverrides(ulong seed) =>
    [
        .. Set,
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"decorrelation_share={DecorrelationShare:R}"),
        $"training_levels={TrainingLevels}",
        $"level_seed={seed % int.MaxValue}",
    ];
}
