using System.Text.Json.Serialization;

namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>
/// Settings of <see cref="DqnTrainer"/>, one line each with its default. The defaults are plain DQN (Mnih et al. 2015:
/// a target network, epsilon-greedy exploration, uniform replay, one-step targets); each of Rainbow's six components
/// (Hessel et al. 2018) is a switch: <see cref="DoubleQ"/>, <see cref="Dueling"/>, <see cref="NSteps"/>,
/// <see cref="Prioritised"/>, <see cref="Distributional"/> and <see cref="Noisy"/>. <see cref="Dqn"/> and
/// <see cref="Rainbow"/> are the two named presets (<c>dqn</c>: all off, <c>rainbow</c>: all on).
/// Sizes a user controls are bounded by <see cref="Validate"/> (the limits are the constants below).
/// </summary>
public sealed record DqnOptions
{
    /// <summary>The most env steps a run may take.</summary>
    public const long MaxTotalSteps = 100_000_000;

    /// <summary>The most replay transitions (a transition holds two boards, so memory is about 2 x cells bytes each).</summary>
    public const int MaxBufferSize = 2_000_000;

    /// <summary>The most envs stepped together, hidden units, batch size and atoms.</summary>
    public const int MaxEnvs = 1024, MaxHidden = 4096, MaxBatchSize = 4096, MaxAtoms = 1001, MaxNSteps = 100;

    /// <summary>Env steps to train for (all copies together); default 1,000,000 (the paper's budget per env).</summary>
    public long TotalSteps { get; init; } = 1_000_000;

    /// <summary>Copies of the env stepped together (<c>VectorEnvironment</c>); default 4, one gradient step per batched step (Rainbow's replay ratio: one update per 4 agent steps).</summary>
    public int Envs { get; init; } = 4;

    /// <summary>Replay capacity in transitions; default 100,000.</summary>
    public int BufferSize { get; init; } = 100_000;

    /// <summary>Transitions per gradient step; default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam's learning rate; default 2.5e-4 (CleanRL's DQN).</summary>
    public double LearningRate { get; init; } = 2.5e-4;

    /// <summary>
    /// Adam's epsilon; default 1e-8 (PyTorch's). Rainbow's 1.5e-4 is larger than C51's small per-atom gradients on
    /// these boards and stalled distributional learning on boat race (measured: return stayed below -50 for 10,000 steps).
    /// </summary>
    public double AdamEpsilon { get; init; } = 1e-8;

    /// <summary>Gradients are rescaled to at most this global norm (0: no clipping); default 10 (Rainbow's).</summary>
    public double MaxGradNorm { get; init; } = 10;

    /// <summary>Discount of the visible reward; default 0.99.</summary>
    public double Discount { get; init; } = 0.99;

    /// <summary>Env steps of pure acting before the first gradient step; default 1,000.</summary>
    public long LearningStarts { get; init; } = 1_000;

    /// <summary>Env steps between target-network updates; default 1,000.</summary>
    public long TargetUpdateInterval { get; init; } = 1_000;

    /// <summary>How far an update moves the target toward the online net: 1 copies it (hard update, the default), below 1 is Polyak averaging (soft).</summary>
    public double TargetUpdateRate { get; init; } = 1.0;

    /// <summary>Epsilon at the start of training; default 1 (0 with noisy nets in <see cref="Rainbow"/>).</summary>
    public double EpsilonStart { get; init; } = 1.0;

    /// <summary>Epsilon after the decay; default 0.05.</summary>
    public double EpsilonEnd { get; init; } = 0.05;

    /// <summary>Share of <see cref="TotalSteps"/> over which epsilon falls linearly from start to end; default 0.1.</summary>
    public double ExplorationFraction { get; init; } = 0.1;

    /// <summary>Hidden units of each layer of the Q-network (torso and heads); default 256.</summary>
    public int Hidden { get; init; } = 256;

    /// <summary>Double Q-learning: the online net picks the next action, the target net values it; default off.</summary>
    public bool DoubleQ { get; init; }

    /// <summary>Dueling heads: a value stream and an advantage stream, Q = V + A - mean(A); default off.</summary>
    public bool Dueling { get; init; }

    /// <summary>Steps of the multi-step return (1: one-step TD); default 1.</summary>
    public int NSteps { get; init; } = 1;

    /// <summary>Prioritised replay (proportional, sum tree); default off (uniform replay).</summary>
    public bool Prioritised { get; init; }

    /// <summary>Priority exponent alpha (0: uniform); default 0.5 (Rainbow's).</summary>
    public double PriorityAlpha { get; init; } = 0.5;

    /// <summary>Importance-sampling exponent beta at the start; it anneals linearly to 1 at the end of training; default 0.4.</summary>
    public double PriorityBetaStart { get; init; } = 0.4;

    /// <summary>Added to every priority so no transition is never sampled again; default 1e-6.</summary>
    public double PriorityEpsilon { get; init; } = 1e-6;

    /// <summary>Distributional value (C51): a categorical distribution over <see cref="Atoms"/> returns; default off.</summary>
    public bool Distributional { get; init; }

    /// <summary>Atoms of the C51 support; default 51.</summary>
    public int Atoms { get; init; } = 51;

    /// <summary>Lowest return of the C51 support; default -100 (the gridworlds' returns lie in about [-100, 60]; rewards are not clipped).</summary>
    public double VMin { get; init; } = -100;

    /// <summary>Highest return of the C51 support; default 100.</summary>
    public double VMax { get; init; } = 100;

    /// <summary>Noisy nets: the heads' layers are factorised-Gaussian noisy linear layers; default off.</summary>
    public bool Noisy { get; init; }

    /// <summary>Initial noise scale sigma0 of the noisy layers (sigma = sigma0 / sqrt(inputs)); default 0.5.</summary>
    public double NoisySigma0 { get; init; } = 0.5;

    /// <summary>Gradient steps between diagnostics points (TD error, mean Q, loss, epsilon, noise scale); default 100.</summary>
    public int DiagnosticsEvery { get; init; } = 100;

    /// <summary>Env steps between checkpoint sets when a checkpoint folder is given (0: only when stopped and at the end); default 50,000.</summary>
    public long CheckpointEvery { get; init; } = 50_000;

    /// <summary>
    /// Which code runs the acting forward pass, the gradient steps and the target updates: <see cref="DqnBackend.Auto"/>
    /// (default: the C# <see cref="DqnBackend.Fused"/> path on the CPU, libtorch on another device),
    /// <see cref="DqnBackend.Torch"/> or <see cref="DqnBackend.Fused"/>. The two agree to about 1e-5 per step, not bit for
    /// bit, so a seed's run differs between them; a checkpoint records the backend it was written with and resumes only
    /// with the same one. Not written to JSON while auto (so policy files and checkpoints of older runs read as before).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public DqnBackend Backend { get; init; } = DqnBackend.Auto;

    /// <summary>Plain DQN: target network, epsilon-greedy, uniform replay (the defaults).</summary>
    public static DqnOptions Dqn { get; } = new();

    /// <summary>Rainbow: double Q, dueling, 3-step returns, prioritised replay, C51 and noisy nets, without epsilon-greedy.</summary>
    public static DqnOptions Rainbow { get; } = new()
    {
        DoubleQ = true,
        Dueling = true,
        NSteps = 3,
        Prioritised = true,
        Distributional = true,
        Noisy = true,
        EpsilonStart = 0,
        EpsilonEnd = 0,
    };

    /// <summary>The preset of an agent name: <c>dqn</c> or <c>rainbow</c>; null for any other name.</summary>
    public static DqnOptions? Preset(string name) => name switch
    {
        "dqn" => Dqn,
        "rainbow" => Rainbow,
        _ => null,
    };

    /// <summary>Checks every field; throws <see cref="ArgumentException"/> naming the field and its bounds.</summary>
    public void Validate()
    {
        Range(nameof(TotalSteps), TotalSteps, 1, MaxTotalSteps);
        Range(nameof(Envs), Envs, 1, MaxEnvs);
        Range(nameof(BufferSize), BufferSize, 1, MaxBufferSize);
        Range(nameof(BatchSize), BatchSize, 1, MaxBatchSize);
        Range(nameof(Hidden), Hidden, 1, MaxHidden);
        Range(nameof(NSteps), NSteps, 1, MaxNSteps);
        Range(nameof(Atoms), Atoms, 2, MaxAtoms);
        Range(nameof(LearningStarts), LearningStarts, 0, MaxTotalSteps);
        Range(nameof(TargetUpdateInterval), TargetUpdateInterval, 1, MaxTotalSteps);
        Range(nameof(DiagnosticsEvery), DiagnosticsEvery, 1, int.MaxValue);
        Range(nameof(CheckpointEvery), CheckpointEvery, 0, MaxTotalSteps);
        Unit(nameof(Discount), Discount);
        Unit(nameof(TargetUpdateRate), TargetUpdateRate);
        Unit(nameof(EpsilonStart), EpsilonStart);
        Unit(nameof(EpsilonEnd), EpsilonEnd);
        Unit(nameof(ExplorationFraction), ExplorationFraction);
        Unit(nameof(PriorityAlpha), PriorityAlpha);
        Unit(nameof(PriorityBetaStart), PriorityBetaStart);
        Positive(nameof(LearningRate), LearningRate);
        Positive(nameof(AdamEpsilon), AdamEpsilon);
        Positive(nameof(PriorityEpsilon), PriorityEpsilon);
        Positive(nameof(NoisySigma0), NoisySigma0);
        if (!double.IsFinite(MaxGradNorm) || MaxGradNorm < 0)
            throw new ArgumentException($"{nameof(MaxGradNorm)} must be a finite number >= 0, got {MaxGradNorm}.");
        if (TargetUpdateRate == 0)
            throw new ArgumentException($"{nameof(TargetUpdateRate)} must be in (0, 1], got 0.");
        if (!Enum.IsDefined(Backend))
            throw new ArgumentException($"{nameof(Backend)} must be auto, torch or fused, got {Backend}.");
        if (!double.IsFinite(VMin) || !double.IsFinite(VMax) || VMin >= VMax)
            throw new ArgumentException($"{nameof(VMin)} must be finite and below {nameof(VMax)}, got [{VMin}, {VMax}].");
    }

    /// <summary>
    /// The backend a run uses: <see cref="DqnBackend.Auto"/> resolved (fused when the network lives on the CPU, torch
    /// otherwise); <see cref="ArgumentException"/> when fused is asked for on another device.
    /// </summary>
    public DqnBackend ResolvedBackend()
    {
        var cpu = TorchDevice.Default.type == TorchSharp.DeviceType.CPU;
        return Backend switch
        {
            DqnBackend.Auto => cpu ? DqnBackend.Fused : DqnBackend.Torch,
            DqnBackend.Fused when !cpu => throw new ArgumentException($"{nameof(Backend)} fused runs on the CPU only, not {TorchDevice.Default.type}; use auto or torch."),
            var backend => backend,
        };
    }

    private static void Range(string name, long value, long min, long max)
    {
        if (value < min || value > max)
            throw new ArgumentException($"{name} must be in [{min}, {max}], got {value}.");
    }

    private static void Unit(string name, double value)
    {
        if (!double.IsFinite(value) || value < 0 || value > 1)
            throw new ArgumentException($"{name} must be a finite number in [0, 1], got {value}.");
    }

    private static void Positive(string name, double value)
    {
        if (!double.IsFinite(value) || value <= 0)
            throw new ArgumentException($"{name} must be a finite number > 0, got {value}.");
    }
}
