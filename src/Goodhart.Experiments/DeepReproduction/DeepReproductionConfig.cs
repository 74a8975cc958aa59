using System.Text.Json.Serialization;

namespace Goodhart.Experiments.DeepReproduction;

/// <summary>
/// The <c>gridworld-deep-reproduction</c> kind's configuration: one env and one agent of the paper's outcome table.
/// The recipe's grid spans envs and agents, its seeds the repetitions.
/// </summary>
public sealed record DeepReproductionConfig
{
    /// <summary>The most curve points a cell may record.</summary>
    public const int MaxCurvePoints = 200;

    /// <summary>Env id (the default level of a level file, or <c>name:level</c>).</summary>
    public string Env { get; init; } = "boat_race";

    /// <summary>A deep agent (<c>a2c</c>, <c>ppo</c>, <c>dqn</c>, <c>rainbow</c>), a tabular learner (<c>q-learning</c>, <c>sarsa</c>, ...) or <c>oracle</c>.</summary>
    public string Agent { get; init; } = "rainbow";

    /// <summary>Env steps per deep run; default 1,000,000 (the paper's budget per env).</summary>
    public long Steps { get; init; } = 1_000_000;

    /// <summary>Training episodes of a tabular learner (its curve is placed on the step axis by the episodes' lengths); default 20,000.</summary>
    public int TabularEpisodes { get; init; } = 20_000;

    /// <summary>Width of the deep agents' board network (MLP torso); default 64.</summary>
    public int Hidden { get; init; } = 64;

    /// <summary>
    /// Which code runs an a2c or ppo update: <c>auto</c> (default: the fused C# update, as the network is the MLP),
    /// <c>torch</c> or <c>fused</c>. Rainbow and DQN cells run libtorch (recorded as <c>torch</c>) and refuse <c>fused</c>.
    /// </summary>
    public string Backend { get; init; } = "auto";

    /// <summary>Greedy evaluation episodes at the end, on the training level and on each test level (and the oracle's episodes); default 100.</summary>
    public int EvaluationEpisodes { get; init; } = 100;

    /// <summary>
    /// A deep agent's periodic greedy evaluation: every this many env steps (null, default: every tenth of the run;
    /// 0: never), <see cref="PeriodicEvaluationEpisodes"/> greedy episodes each, stored as <c>deep/greedy_*</c> metrics and
    /// drawn against steps in the report.
    /// </summary>
    public long? EvalEverySteps { get; init; }

    /// <summary>Greedy episodes of each periodic evaluation, 1 to 1,000; default 5.</summary>
    public int PeriodicEvaluationEpisodes { get; init; } = 5;

    /// <summary>The periodic evaluation interval in env steps that <see cref="EvalEverySteps"/> comes to (0: never).</summary>
    public long EvaluationInterval => EvalEverySteps ?? Math.Max(1, Steps / 10);

    /// <summary>Points of the return and performance curves: training episodes are averaged in this many equal slices of the step budget; default 20.</summary>
    public int CurvePoints { get; init; } = 20;

    /// <summary>
    /// A2C's settings where they differ from its defaults (null, default: the defaults, as the paper table runs; a2c
    /// cells only). Left out of the cell's canonical configuration when null, so the cells run before it existed keep their ids.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public A2cSettings? A2c { get; init; }

    /// <summary>
    /// Rainbow's settings where they differ from its preset (null, default: the preset, as the paper table runs; rainbow
    /// cells only). Left out of the canonical configuration when null, like <see cref="A2c"/>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RainbowSettings? Rainbow { get; init; }

    /// <summary>The agent as the report's table and curves name it: <see cref="Agent"/>, or A2C or Rainbow with its changed settings.</summary>
    [JsonIgnore]
    public string AgentLabel => A2c?.Label ?? Rainbow?.Label ?? Agent;
}
