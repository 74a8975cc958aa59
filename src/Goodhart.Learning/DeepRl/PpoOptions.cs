using Goodhart.Core;
using Goodhart.Learning.Training;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// PPO's settings for the gridworlds, CleanRL's <c>ppo.py</c> defaults except where noted (16 copies x 32 steps for CleanRL's
/// 4 x 128, a higher learning rate and a reward scale: the boards are tiny, the budgets short and the returns large).
/// </summary>
public sealed record PpoOptions
{
    /// <summary>The most copies (envs stepped together) or rollout steps a run may ask for.</summary>
    public const int MaxEnvs = 4096, MaxRolloutSteps = 4096;

    /// <summary>Copies of the env stepped together; default 16 (CleanRL: 4).</summary>
    public int Envs { get; init; } = 16;

    /// <summary>Steps per copy in each rollout; default 32 (CleanRL: 128 with 4 copies; the same 512 samples an update).</summary>
    public int RolloutSteps { get; init; } = 32;

    /// <summary>Passes over each rollout; default 4.</summary>
    public int Epochs { get; init; } = 4;

    /// <summary>Minibatches per pass; default 4.</summary>
    public int Minibatches { get; init; } = 4;

    /// <summary>Discount gamma; default 0.99.</summary>
    public double Gamma { get; init; } = 0.99;

    /// <summary>GAE lambda; default 0.95.</summary>
    public double Lambda { get; init; } = 0.95;

    /// <summary>The surrogate's clip epsilon (also the value clip); default 0.2.</summary>
    public double Clip { get; init; } = 0.2;

    /// <summary>Whether v_loss is clipped around the rollout's values; default true.</summary>
    public bool ClipValueLoss { get; init; } = true;

    /// <summary>
    /// The visible reward is multiplied by this before the agent learns from it (the gridworlds pay -1 a step and
    /// +50 at goals, so values reach -100; scaled by 0.1 the value head reaches them in a few hundred steps); default 0.1.
    /// Records keep the unscaled return.
    /// </summary>
    public double RewardScale { get; init; } = 0.1;

    /// <summary>Weight of the entropy bonus; default 0.01.</summary>
    public double EntropyCoefficient { get; init; } = 0.01;

    /// <summary>Weight of v_loss; default 0.5.</summary>
    public double ValueCoefficient { get; init; } = 0.5;

    /// <summary>Whether advantages are standardised per minibatch; default true.</summary>
    public bool NormaliseAdvantages { get; init; } = true;

    /// <summary>Whether the learning rate falls linearly to 0 over the run; default true.</summary>
    public bool AnnealLearningRate { get; init; } = true;

    /// <summary>Stop an update's passes early when approx_kl exceeds this; null (default): never.</summary>
    public double? TargetKl { get; init; }

    /// <summary>
    /// Which code runs the minibatch updates: <see cref="PpoBackend.Auto"/> (default: the C# <see cref="PpoBackend.Fused"/>
    /// update for the MLP torso, libtorch for the CNN), <see cref="PpoBackend.Torch"/> or <see cref="PpoBackend.Fused"/>
    /// (MLP only). The two agree to about 1e-5 per step, not bit for bit, so a seed's run differs between them; a
    /// checkpoint records the backend it was written with and resumes only with the same one.
    /// </summary>
    public PpoBackend Backend { get; init; } = PpoBackend.Auto;

    /// <summary>Adam's settings: learning rate 1e-3 (CleanRL: 2.5e-4), epsilon 1e-5, gradient-norm clip 0.5, no weight decay.</summary>
    public OptimiserOptions Optimiser { get; init; } = new() { LearningRate = 1e-3, Epsilon = 1e-5, MaxGradNorm = 0.5 };

    /// <summary>Throws <see cref="UserInputException"/> naming the field when a setting is out of range.</summary>
    public void Validate()
    {
        if (Envs is < 1 or > MaxEnvs)
            throw new UserInputException($"ppo envs must be between 1 and {MaxEnvs}, got {Envs}");
        if (RolloutSteps is < 1 or > MaxRolloutSteps)
            throw new UserInputException($"ppo rollout_steps must be between 1 and {MaxRolloutSteps}, got {RolloutSteps}");
        if (Epochs is < 1 or > 100)
            throw new UserInputException($"ppo epochs must be between 1 and 100, got {Epochs}");
        if (Minibatches < 1 || (Envs * RolloutSteps) / Minibatches < 2)
            throw new UserInputException($"ppo minibatches must be at least 1 and leave at least 2 samples each of the {Envs * RolloutSteps} per rollout, got {Minibatches}");
        OnPolicySettings.CheckUnit("ppo gamma", Gamma);
        OnPolicySettings.CheckUnit("ppo lambda", Lambda);
        OnPolicySettings.CheckNonNegative("ppo clip", Clip);
        OnPolicySettings.CheckNonNegative("ppo reward_scale", RewardScale);
        OnPolicySettings.CheckNonNegative("ppo entropy_coefficient", EntropyCoefficient);
        OnPolicySettings.CheckNonNegative("ppo value_coefficient", ValueCoefficient);
        if (TargetKl is { } kl)
            OnPolicySettings.CheckNonNegative("ppo target_kl", kl);
        OnPolicySettings.Check("ppo", Optimiser);
        OnPolicySettings.CheckBackend("ppo", Backend);
    }

    /// <summary>
    /// The backend a run with <paramref name="network"/> uses: <see cref="PpoBackend.Auto"/> resolved (fused for the
    /// MLP torso, torch otherwise); <see cref="UserInputException"/> when fused is asked for another torso.
    /// </summary>
    public PpoBackend BackendFor(BoardNetworkOptions network) => OnPolicySettings.ResolveBackend("ppo", Backend, network);
}
