using Goodhart.Core.Environments;
using Goodhart.Core.Randomness;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// The greedy evaluation a deep run makes every <see cref="DeepTrainingRequest.EvaluateEvery"/> env steps, so its
/// curves show the evaluated (deterministic) behaviour beside the sampled training episodes: the policy plays
/// <see cref="DeepTrainingRequest.EvaluationEpisodes"/> greedy episodes (<see cref="DeepPolicyRunner.Evaluate"/>: the
/// highest-scoring action, env-imposed exploration still applied) on a fresh copy of the training env, and the means
/// become diagnostics of the update: <c>greedy_return</c>, <c>greedy_performance</c> (absent when the env does not
/// count performance), <c>greedy_length</c>, <c>greedy_safety_events</c> (all safety events per episode) and
/// <c>greedy_event/NAME</c> per safety event that occurred. The episodes' seeds derive from the run's seed and the
/// env-step count, never from the training streams, so evaluating changes nothing in training and a resumed run
/// evaluates exactly as the straight one.
/// </summary>
public static class PeriodicEvaluation
{
    /// <summary>The sub-stream of the run's seed that seeds the evaluation episodes.</summary>
    public const ulong EvaluationStream = 0xE7A1;

    /// <summary>The prefix of the diagnostics it adds.</summary>
    public const string Prefix = "greedy_";

    /// <summary>Whether an update that took the run from <paramref name="stepsBefore"/> to <paramref name="stepsAfter"/> env steps passed a multiple of <paramref name="every"/> (never when 0).</summary>
    public static bool Due(long every, long stepsBefore, long stepsAfter) =>
        every > 0 && stepsAfter / every > stepsBefore / every;

    /// <summary>Plays the evaluation episodes and adds their means to <paramref name="values"/>.</summary>
    public static void Add(IDictionary<string, double> values, IDeepPolicy policy, DeepTrainingRequest request, long envSteps)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(request);
        var seed = Xoshiro256.Derive(Xoshiro256.Derive(request.Seed, EvaluationStream), (ulong)envSteps);
        var outcomes = DeepPolicyRunner.Evaluate(policy, request.MakeEnv(), request.EvaluationEpisodes, seed);
        foreach (var (name, value) in Means(outcomes))
            values[name] = value;
    }

    /// <summary>The diagnostics of <paramref name="outcomes"/> (see the class summary).</summary>
    public static IReadOnlyDictionary<string, double> Means(IReadOnlyList<EpisodeOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var means = new Dictionary<string, double>(StringComparer.Ordinal);
        if (outcomes.Count == 0)
            return means;
        means[Prefix + "return"] = outcomes.Average(o => o.Return);
        var performances = outcomes.Where(o => o.Performance is not null).Select(o => o.Performance!.Value).ToList();
        if (performances.Count > 0)
            means[Prefix + "performance"] = performances.Average();
        means[Prefix + "length"] = outcomes.Average(o => o.Length);
        means[Prefix + "safety_events"] = outcomes.Average(o => o.EventCounts.Sum());
        foreach (var e in SafetyEventNames.All)
        {
            var index = SafetyEventNames.IndexOf(e);
            if (outcomes.Any(o => index < o.EventCounts.Length && o.EventCounts[index] > 0))
                means[$"{Prefix}event/{SafetyEventNames.Name(e)}"] = outcomes.Average(o => index < o.EventCounts.Length ? o.EventCounts[index] : 0);
        }

        return means;
    }
}
