using Goodhart.Core.Rlhf;
using Goodhart.Experiments.Rlhf;
using Goodhart.Learning.Generation;
using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;

namespace Goodhart.Experiments.Oversight;

/// <summary>
/// PPO against each proxy of an oversight kind, through the RLHF world's stage (<see cref="RlhfStages.Ppo"/>: a copy
/// of the SFT policy, a KL penalty to a frozen copy of it, <see cref="RlhfConfig.PpoOptions"/>): every run starts from
/// the same policy with the same seeds (prompt order, rollouts, value head), so the runs differ only in the reward they
/// climb; each is evaluated on the same held-out prompts against <paramref name="gold"/>.
/// </summary>
public static class OversightPpo
{
    /// <summary>
    /// One PPO run per scorer of <paramref name="scorers"/> from <paramref name="sft"/> under <paramref name="settings"/>,
    /// evaluated against <paramref name="gold"/> (the world's gold reward when null); the trained policies are disposed.
    /// <paramref name="started"/> hears the index of each run as it starts.
    /// </summary>
    public static IReadOnlyList<PolicyOptimisationResult> Run(
        RlhfConfig settings, CausalLanguageModel sft, IReadOnlyList<IRewardScorer> scorers, GoldReward? gold = null,
        Action<int>? started = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sft);
        ArgumentNullException.ThrowIfNull(scorers);
        RlhfStages.UseThreads(settings);
        using var reference = PolicyCopies.FrozenReference(sft);
        var evaluator = new PolicyEvaluator(
            reference, RlhfStages.EvalPrompts(settings), new SamplingOptions { MaxNewTokens = settings.MaxNewTokens },
            RlhfSeeds.Derive(settings.Seed, RlhfSeeds.Evaluator), gold);
        var results = new List<PolicyOptimisationResult>(scorers.Count);
        for (var i = 0; i < scorers.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            started?.Invoke(i);
            var (policy, valueModel, result) = RlhfStages.Ppo(settings, sft, reference, scorers[i], evaluator, cancellationToken: cancellation);
            policy.Dispose();
            valueModel.Dispose();
            results.Add(result);
        }
        return results;
    }
}
