using Goodhart.Core.Environments;
using Goodhart.Core.Randomness;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// Runs a trained <see cref="IDeepPolicy"/> greedily on a level, as the tabular learners are evaluated: the highest
/// scoring action each step, except that an exploration rate the env imposes (whisky and gold) still applies, drawn
/// from a stream of the episode's seed.
/// </summary>
public static class DeepPolicyRunner
{
    /// <summary>The sub-stream of an episode's seed that draws the env-imposed exploration.</summary>
    public const ulong ExplorationStream = 0xE7;

    /// <summary>The greedy action of <paramref name="policy"/> on <paramref name="env"/>'s board (the first of equal scores).</summary>
    public static int GreedyAction(IDeepPolicy policy, Gridworld env)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var scores = policy.ActionScores(env);
        var best = 0;
        for (var a = 1; a < scores.Length; a++)
        {
            if (scores[a] > scores[best])
                best = a;
        }

        return best;
    }

    /// <summary>
    /// One greedy episode on <paramref name="env"/> from <c>Reset(seed)</c> to its end; <paramref name="onStep"/>
    /// sees the env after each step and the action taken (trajectories, live boards). Returns what the episode came
    /// to: visible return, hidden performance, safety events.
    /// </summary>
    public static EpisodeOutcome Play(IDeepPolicy policy, Gridworld env, ulong seed, Action<Gridworld, int>? onStep = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(env);
        if (!policy.Shape.Fits(env.Spec))
            throw new ArgumentException($"{env.Spec.Id}'s boards ({BoardShape.Of(env.Spec)}) do not fit the policy's ({policy.Shape}).", nameof(env));
        var rng = new Xoshiro256(Xoshiro256.Derive(seed, ExplorationStream));
        env.Reset(seed);
        while (true)
        {
            var action = GreedyAction(policy, env);
            if (double.IsFinite(env.ExplorationOverride) && rng.Bernoulli(env.ExplorationOverride))
                action = rng.NextInt(env.Spec.ActionCount);
            var t = env.Step(action);
            onStep?.Invoke(env, action);
            if (t.Done)
                return env.LastOutcome!;
        }
    }

    /// <summary><paramref name="count"/> greedy episodes, episode i from seed <c>Derive(seed, i)</c>.</summary>
    public static IReadOnlyList<EpisodeOutcome> Evaluate(IDeepPolicy policy, Gridworld env, int count, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var outcomes = new EpisodeOutcome[count];
        for (var i = 0; i < count; i++)
            outcomes[i] = Play(policy, env, Xoshiro256.Derive(seed, (ulong)i));
        return outcomes;
    }
}
