using Goodhart.Core.Agents;
using Goodhart.Core.Training;
using Goodhart.Experiments.DeepRl;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Experiments.Gridworlds;

/// <summary>The <c>gridworld-train</c> kind's configuration: what <c>goodhart train</c> takes, as recipe fields (snake_case).</summary>
public sealed record GridworldTrainConfig
{
    /// <summary>Env id (see <c>goodhart envs</c>), <c>name:level</c>, or a .level file.</summary>
    public string Env { get; init; } = "boat_race";

    /// <summary>The learner: q-learning, sarsa, expected-sarsa or random, or a deep agent (ppo, a2c, ...: <c>DeepAgentCatalog.Names</c>).</summary>
    public string Agent { get; init; } = "q-learning";

    /// <summary>Training episodes (tabular learners).</summary>
    public int Episodes { get; init; } = 2000;

    /// <summary>Greedy evaluation every this many episodes (0: only at the end).</summary>
    public int EvaluationEvery { get; init; } = 100;

    /// <summary>Greedy episodes per evaluation (and for the oracle).</summary>
    public int EvaluationEpisodes { get; init; } = 20;

    /// <summary>Step size alpha.</summary>
    public double LearningRate { get; init; } = new TabularOptions().LearningRate;

    /// <summary>Discount gamma.</summary>
    public double Discount { get; init; } = new TabularOptions().Discount;

    /// <summary>Epsilon at the first episode.</summary>
    public double EpsilonStart { get; init; } = new TabularOptions().EpsilonStart;

    /// <summary>Epsilon after the decay.</summary>
    public double EpsilonEnd { get; init; } = new TabularOptions().EpsilonEnd;

    /// <summary>Share of training over which epsilon decays linearly.</summary>
    public double EpsilonDecayFraction { get; init; } = new TabularOptions().EpsilonDecayFraction;

    /// <summary>Initial action value of an unseen state.</summary>
    public double InitialValue { get; init; } = new TabularOptions().InitialValue;

    /// <summary>Env steps to train a deep agent for (all copies together); tabular learners use <see cref="Episodes"/>.</summary>
    public long Steps { get; init; } = DeepGridworldOptions.DefaultSteps;

    /// <summary>A deep agent's board network: <c>mlp</c> (default) or <c>cnn</c>.</summary>
    public string Network { get; init; } = "mlp";

    /// <summary>Width of a deep agent's fully connected layers.</summary>
    public int Hidden { get; init; } = new BoardNetworkOptions().Hidden;

    /// <summary>
    /// What a deep agent's torso reads: <c>board</c> (default, the one-hot board as it lies) or <c>egocentric</c> (the
    /// board shifted so the agent sits at the centre of a (2H-1) x (2W-1) window; ppo and a2c only).
    /// </summary>
    public string Observation { get; init; } = "board";

    /// <summary>
    /// Which code runs a ppo or a2c update: <c>auto</c> (default: the fused C# update for the MLP, libtorch for the CNN),
    /// <c>torch</c> or <c>fused</c> (MLP only). DQN and Rainbow run libtorch and refuse <c>fused</c>.
    /// </summary>
    public string Backend { get; init; } = "auto";

    /// <summary>
    /// A deep agent's periodic greedy evaluation: every this many env steps (null, default: every tenth of the run;
    /// 0: never), <see cref="DeepGridworldOptions.PeriodicEvaluationEpisodes"/> episodes each.
    /// </summary>
    public long? EvalEverySteps { get; init; }

    /// <summary>Level constant overrides, <c>name=value</c> (as <c>goodhart train --set</c>), e.g. <c>supervisor_probability=1</c>.</summary>
    public IReadOnlyList<string> Set { get; init; } = [];

    /// <summary>Whether to ask the performance oracle for the best achievable performance.</summary>
    public bool Oracle { get; init; } = true;

    /// <summary>The training options for <paramref name="seed"/>.</summary>
    public TrainingOptions ToTrainingOptions(ulong seed) => new()
    {
        Episodes = Episodes,
        Seed = seed,
        EvaluationEvery = EvaluationEvery,
        EvaluationEpisodes = EvaluationEpisodes,
        Agent = new TabularOptions
        {
            LearningRate = LearningRate,
            Discount = Discount,
            EpsilonStart = EpsilonStart,
            EpsilonEnd = EpsilonEnd,
            EpsilonDecayFraction = EpsilonDecayFraction,
            InitialValue = InitialValue,
        },
    };

    /// <summary>Whether <see cref="Agent"/> is a deep agent (trained for <see cref="Steps"/> rather than episodes).</summary>
    public bool IsDeep => DeepAgentCatalog.Contains(Agent);

    /// <summary>The deep run's options for <paramref name="seed"/> (checkpoints in <paramref name="checkpointDirectory"/>, ten a run).</summary>
    public DeepGridworldOptions ToDeepOptions(ulong seed, string? checkpointDirectory = null) => new()
    {
        Agent = Agent,
        Steps = Steps,
        Seed = seed,
        Network = new BoardNetworkOptions { Torso = DeepNetworkNames.Parse(Network), Hidden = Hidden, Observation = DeepObservationNames.Parse(Observation) },
        Backend = DeepBackendNames.Parse(Backend),
        EvaluationEpisodes = EvaluationEpisodes,
        EvaluateEvery = EvalEverySteps,
        CheckpointDirectory = checkpointDirectory,
        CheckpointEvery = checkpointDirectory is null ? 0 : Math.Max(1, Steps / 10),
    };
}
