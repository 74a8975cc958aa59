using Goodhart.Core;
using Goodhart.Learning.Training;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// A2C's settings for the gridworlds, Stable-Baselines3's defaults (5-step rollouts, lambda 1, no advantage
/// normalisation) except 16 copies and Adam in place of RMSprop.
/// </summary>
public sealed record A2cOptions
{
    /// <summary>Copies of the env stepped together; default 16.</summary>
    public int Envs { get; init; } = 16;

    /// <summary>Steps per copy in each rollout (one gradient step per rollout); default 5.</summary>
    public int RolloutSteps { get; init; } = 5;

    /// <summary>Discount gamma; default 0.99.</summary>
    public double Gamma { get; init; } = 0.99;

    /// <summary>GAE lambda; default 1 (n-step returns).</summary>
    public double Lambda { get; init; } = 1.0;

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

    /// <summary>Whether advantages are standardised per rollout; default true (SB3: false; the gridworlds' returns of -100..50 otherwise leave the policy gradient tiny beside the value loss under the shared gradient clip).</summary>
    public bool NormaliseAdvantages { get; init; } = true;

    /// <summary>Whether the learning rate falls linearly to 0 over the run; default false.</summary>
    public bool AnnealLearningRate { get; init; }

    /// <summary>
    /// Which code runs the update: <see cref="PpoBackend.Auto"/> (default: the C# <see cref="PpoBackend.Fused"/> update
    /// for the MLP torso, libtorch for the CNN), <see cref="PpoBackend.Torch"/> or <see cref="PpoBackend.Fused"/> (MLP
    /// only). The two agree to about 1e-5 per step, not bit for bit, so a seed's run differs between them; a checkpoint
    /// records the backend it was written with and resumes only with the same one.
    /// </summary>
    public PpoBackend Backend { get; init; } = PpoBackend.Auto;

    /// <summary>Adam's settings: learning rate 7e-4, epsilon 1e-5, gradient-norm clip 0.5, no weight decay.</summary>
    public OptimiserOptions Optimiser { get; init; } = new() { LearningRate = 7e-4, Epsilon = 1e-5, MaxGradNorm = 0.5 };

    /// <summary>Throws <see cref="UserInputException"/> naming the field when a setting is out of range.</summary>
    public void Validate()
    {
        if (Envs is < 1 or > PpoOptions.MaxEnvs)
            throw new UserInputException($"a2c envs must be between 1 and {PpoOptions.MaxEnvs}, got {Envs}");
        if (RolloutSteps is < 1 or > PpoOptions.MaxRolloutSteps)
            throw new UserInputException($"a2c rollout_steps must be between 1 and {PpoOptions.MaxRolloutSteps}, got {RolloutSteps}");
        if (NormaliseAdvantages && Envs * RolloutSteps < 2)
            throw new UserInputException("a2c normalise_advantages needs at least 2 samples per rollout (envs x rollout_steps)");
        OnPolicySettings.CheckUnit("a2c gamma", Gamma);
        OnPolicySettings.CheckUnit("a2c lambda", Lambda);
        OnPolicySettings.CheckNonNegative("a2c reward_scale", RewardScale);
        OnPolicySettings.CheckNonNegative("a2c entropy_coefficient", EntropyCoefficient);
        OnPolicySettings.CheckNonNegative("a2c value_coefficient", ValueCoefficient);
        OnPolicySettings.Check("a2c", Optimiser);
        OnPolicySettings.CheckBackend("a2c", Backend);
    }

    /// <summary>
    /// The backend a run with <paramref name="network"/> uses: <see cref="PpoBackend.Auto"/> resolved (fused for the
    /// MLP torso, torch otherwise); <see cref="UserInputException"/> when fused is asked for another torso.
    /// </summary>
    public PpoBackend BackendFor(BoardNetworkOptions network) => OnPolicySettings.ResolveBackend("a2c", Backend, network);
}
