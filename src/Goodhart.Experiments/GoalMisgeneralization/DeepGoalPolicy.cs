using Goodhart.Core.Environments;
using Goodhart.Core.Randomness;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Experiments.GoalMisgeneralization;

/// <summary>
/// A trained deep policy acting by sampling from its action distribution (the softmax of its scores), as Langosco et
/// al. evaluate their procgen agents: a greedy deterministic policy can stall forever in a loop on a layout it never
/// saw, which would measure the loop, not the goal. The samples come from a seeded stream; owns and disposes the policy.
/// </summary>
internal sealed class DeepGoalPolicy(IDeepPolicy policy, ulong seed) : IGoalPolicy
{
    private Xoshiro256 _rng = new(seed);

    /// <inheritdoc />
    public EpisodeOutcome Run(Gridworld env)
    {
        ArgumentNullException.ThrowIfNull(env);
        while (!env.Step(Act(env)).Done)
        {
        }
        return env.LastOutcome!;
    }

    /// <inheritdoc />
    public int Act(Gridworld env)
    {
        var scores = policy.ActionScores(env);
        var max = scores.Max();
        var weights = scores.Select(s => Math.Exp(s - max)).ToArray();
        var u = _rng.NextDouble() * weights.Sum();
        for (var a = 0; a < weights.Length; a++)
        {
            u -= weights[a];
            if (u < 0)
                return a;
        }
        return weights.Length - 1;
    }

    /// <inheritdoc />
    public void Dispose() => policy.Dispose();
}
