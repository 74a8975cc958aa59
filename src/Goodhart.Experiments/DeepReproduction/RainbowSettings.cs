using System.Text.Json.Serialization;
using Goodhart.Learning.DeepRl.Dqn;

namespace Goodhart.Experiments.DeepReproduction;

/// <summary>
/// Rainbow's settings where a <c>gridworld-deep-reproduction</c> cell changes them from <see cref="DqnOptions.Rainbow"/>:
/// each field left out (null) keeps the preset's value. The paper table runs the preset; the <c>rainbow-tuning</c>
/// scale sweeps exploration and the return's horizon on the envs where it fails (docs/deep-rl-table.md).
/// </summary>
public sealed record RainbowSettings
{
    /// <summary>Epsilon-greedy exploration at the start, on top of the noisy nets (the preset: 0).</summary>
    public double? EpsilonStart { get; init; }

    /// <summary>Epsilon after its linear decay (the preset: 0).</summary>
    public double? EpsilonEnd { get; init; }

    /// <summary>Share of the steps over which epsilon decays (the preset: 0.1).</summary>
    public double? ExplorationFraction { get; init; }

    /// <summary>Steps of the n-step return (the preset: 3).</summary>
    public int? NSteps { get; init; }

    /// <summary>Initial noise scale of the noisy layers (the preset: 0.5).</summary>
    public double? NoisySigma0 { get; init; }

    /// <summary>Adam's learning rate (the preset: 2.5e-4).</summary>
    public double? LearningRate { get; init; }

    /// <summary>Env steps between target-network updates (the preset: 1,000).</summary>
    public long? TargetUpdateInterval { get; init; }

    /// <summary><paramref name="preset"/> with the fields set here replacing its own.</summary>
    public DqnOptions Apply(DqnOptions preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return preset with
        {
            EpsilonStart = EpsilonStart ?? preset.EpsilonStart,
            EpsilonEnd = EpsilonEnd ?? preset.EpsilonEnd,
            ExplorationFraction = ExplorationFraction ?? preset.ExplorationFraction,
            NSteps = NSteps ?? preset.NSteps,
            NoisySigma0 = NoisySigma0 ?? preset.NoisySigma0,
            LearningRate = LearningRate ?? preset.LearningRate,
            TargetUpdateInterval = TargetUpdateInterval ?? preset.TargetUpdateInterval,
        };
    }

    /// <summary>The agent as the report names it: <c>rainbow[epsilon_start=1, n_steps=10]</c> (the fields set, in declaration order).</summary>
    [JsonIgnore]
    public string Label => SettingsLabel.Of(
        "rainbow",
        ("epsilon_start", EpsilonStart),
        ("epsilon_end", EpsilonEnd),
        ("exploration_fraction", ExplorationFraction),
        ("n_steps", NSteps),
        ("noisy_sigma0", NoisySigma0),
        ("learning_rate", LearningRate),
        ("target_update_interval", TargetUpdateInterval));
}
