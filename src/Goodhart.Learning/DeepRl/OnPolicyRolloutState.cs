using Goodhart.Core.Environments;

namespace Goodhart.Learning.DeepRl;

/// <summary>An on-policy rollout's state between updates, as a checkpoint keeps it.</summary>
/// <param name="Copies">Each copy's whole env state.</param>
/// <param name="Rng">The action-sampling stream's state.</param>
/// <param name="EnvSteps">Env steps taken (all copies).</param>
/// <param name="Episodes">Training episodes ended.</param>
internal sealed record OnPolicyRolloutState(
    IReadOnlyList<GridworldSnapshot> Copies,
    (ulong, ulong, ulong, ulong) Rng,
    long EnvSteps,
    int Episodes);
