using System.Text.Json.Serialization;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Experiments.DeepReproduction;

/// <summary>
/// A2C's settings where a <c>gridworld-deep-reproduction</c> cell changes them from <see cref="A2cOptions"/>'
/// defaults (Stable-Baselines3's): each field left out (null) keeps the default. The paper table runs the defaults;
/// the <c>a2c-tuning</c> scale sweeps these on the envs where the defaults learn nothing (docs/deep-rl-table.md).
/// </summary>
public sealed record A2cSettings
{
    /// <summary>Copies of the env stepped together (default 16).</summary>
    public int? Envs { get; init; }

    /// <summary>Steps per copy in each rollout, one gradient step per rollout (default 5).</summary>
    public int? RolloutSteps { get; init; }

    /// <summary>Adam's learning rate (default 7e-4).</summary>
    public double? LearningRate { get; init; }

    /// <summary>Weight of the entropy bonus (default 0.01).</summary>
    public double? EntropyCoefficient { get; init; }

    /// <summary>GAE lambda (default 1: n-step returns).</summary>
    public double? Lambda { get; init; }

    /// <summary>Whether the learning rate falls linearly to 0 over the run (default false).</summary>
    public bool? AnnealLearningRate { get; init; }

    /// <summary><paramref name="defaults"/> with the fields set here replacing its own.</summary>
    public A2cOptions Apply(A2cOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        return defaults with
        {
            Envs = Envs ?? defaults.Envs,
            RolloutSteps = RolloutSteps ?? defaults.RolloutSteps,
            EntropyCoefficient = EntropyCoefficient ?? defaults.EntropyCoefficient,
            Lambda = Lambda ?? defaults.Lambda,
            AnnealLearningRate = AnnealLearningRate ?? defaults.AnnealLearningRate,
            Optimiser = defaults.Optimiser with { LearningRate = LearningRate ?? defaults.Optimiser.LearningRate },
        };
    }

    /// <summary>The agent as the report names it: <c>a2c[rollout_steps=20, entropy_coefficient=0.05]</c> (the fields set, in declaration order).</summary>
    [JsonIgnore]
    public string Label => SettingsLabel.Of(
        "a2c",
        ("envs", Envs),
        ("rollout_steps", RolloutSteps),
        ("learning_rate", LearningRate),
        ("entropy_coefficient", EntropyCoefficient),
        ("lambda", Lambda),
        ("anneal_learning_rate", AnnealLearningRate));
}
