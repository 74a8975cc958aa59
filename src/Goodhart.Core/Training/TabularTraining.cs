using Goodhart.Core.Agents;
using Goodhart.Core.Environments;
using Goodhart.Core.Randomness;
using Goodhart.Core.Runs;

namespace Goodhart.Core.Training;

/// <summary>
/// The training loop for learners that see only the visible reward. Reads top to bottom: seed the streams; for each
/// episode reset, act, step, learn; record both objectives from the hidden channel; evaluate greedily at intervals;
/// finally evaluate on the training env and on any test envs.
/// </summary>
public static class TabularTraining
{
    /// <summary>Seed streams derived from the run's seed.</summary>
    public const ulong EnvStream = 0, AgentStream = 1, EvaluationStream = 2;

    /// <param name="makeEnv">Builds a fresh copy of the training env (one for training, one for evaluation).</param>
    /// <param name="agent">The learner; it never sees the hidden channel.</param>
    /// <param name="options">Episodes, seed, evaluation schedule.</param>
    /// <param name="testEnvs">Other envs to evaluate the final policy on (e.g. distributional shift's test maps).</param>
    /// <param name="onEpisode">Called after each training episode with its index and outcome (progress displays).</param>
    /// <param name="cancellation">Stops between episodes.</param>
    /// <param name="hooks">Optional reward hook and per-episode callbacks (null: the loop as it always was). With a reward
    /// hook the learner learns from its reward; the records still hold the level's visible return.</param>
    public static TrainingResult Train(
        Func<Gridworld> makeEnv,
        IAgent agent,
        TrainingOptions options,
        IReadOnlyList<Func<Gridworld>>? testEnvs = null,
        Action<int, EpisodeOutcome>? onEpisode = null,
        CancellationToken cancellation = default,
        TabularTrainingHooks? hooks = null)
    {
        options.Validate();
        var env = makeEnv();
        var evalEnv = makeEnv();
        var episodes = new List<EpisodeRecord>(options.Episodes + options.EvaluationEpisodes);
        var evaluations = new List<EvaluationPoint>();
        env.Reset(Xoshiro256.Derive(options.Seed, EnvStream));
        evalEnv.Reset(Xoshiro256.Derive(options.Seed, EvaluationStream));
        var first = true;

        for (var episode = 0; episode < options.Episodes; episode++)
        {
            cancellation.ThrowIfCancellationRequested();
            if (!first)
                env.Reset();
            first = false;
            agent.BeginEpisode(episode, options.Episodes);
            var outcome = RunEpisode(env, agent, learn: true, hooks, new TabularEpisode(env, episode, false, episode));
            episodes.Add(EpisodeRecord.From(episode, outcome));
            onEpisode?.Invoke(episode, outcome);
            if (options.EvaluationEvery > 0 && (episode + 1) % options.EvaluationEvery == 0 && episode + 1 < options.Episodes)
                evaluations.Add(Summarise(episode + 1, env.Spec.Id, Evaluate(evalEnv, agent, options.EvaluationEpisodes, hooks, episode + 1)));
        }

        var final = Evaluate(evalEnv, agent, options.EvaluationEpisodes, hooks, options.Episodes);
        evaluations.Add(Summarise(options.Episodes, env.Spec.Id, final));
        for (var i = 0; i < final.Count; i++)
            episodes.Add(EpisodeRecord.From(options.Episodes + i, final[i], evaluation: true));

        var tests = new Dictionary<string, IReadOnlyList<EpisodeRecord>>(StringComparer.Ordinal);
        foreach (var make in testEnvs ?? [])
        {
            var test = make();
            test.Reset(Xoshiro256.Derive(options.Seed, EvaluationStream));
            var outcomes = Evaluate(test, agent, Math.Max(1, options.EvaluationEpisodes), hooks, options.Episodes);
            evaluations.Add(Summarise(options.Episodes, test.Spec.Id, outcomes));
            tests[test.Spec.Id] = [.. outcomes.Select((o, i) => EpisodeRecord.From(i, o, evaluation: true))];
        }
        var states = agent is TabularAgent t ? t.Table.StateCount : 0;
        return new TrainingResult(episodes, evaluations, tests, states);
    }

    /// <summary>One episode from the current reset state; the agent learns from the visible reward only.</summary>
    public static EpisodeOutcome RunEpisode(Gridworld env, IAgent agent, bool learn) =>
        RunEpisode(env, agent, learn, null, new TabularEpisode(env, 0, !learn, 0));

    /// <summary>
    /// One episode from the current reset state, with <paramref name="hooks"/>: the learner learns from the hook's
    /// reward (the visible reward without one), and the episode callbacks see <paramref name="episode"/>.
    /// </summary>
    public static EpisodeOutcome RunEpisode(Gridworld env, IAgent agent, bool learn, TabularTrainingHooks? hooks, TabularEpisode episode)
    {
        hooks?.EpisodeStarted?.Invoke(episode);
        while (true)
        {
            var action = agent.Act(env.Board, env.ExplorationOverride, explore: learn);
            var t = env.Step(action);
            var reward = hooks?.Reward is { } hook ? hook(new TabularStep(env, action, t)) : t.Reward;
            if (learn)
                agent.Learn(reward, env.Board, env.ExplorationOverride, t.Terminated, t.Truncated);
            if (t.Done)
            {
                hooks?.EpisodeEnded?.Invoke(episode, env.LastOutcome!);
                return env.LastOutcome!;
            }
        }
    }

    /// <summary>Greedy episodes (the env's imposed exploration still applies), without learning.</summary>
    public static List<EpisodeOutcome> Evaluate(Gridworld env, IAgent agent, int count) => Evaluate(env, agent, count, null, 0);

    /// <summary>Greedy episodes with <paramref name="hooks"/>; <paramref name="trainedEpisodes"/> places them on the training axis.</summary>
    public static List<EpisodeOutcome> Evaluate(Gridworld env, IAgent agent, int count, TabularTrainingHooks? hooks, int trainedEpisodes)
    {
        var outcomes = new List<EpisodeOutcome>(count);
        for (var i = 0; i < count; i++)
        {
            env.Reset();
            outcomes.Add(RunEpisode(env, agent, learn: false, hooks, new TabularEpisode(env, i, true, trainedEpisodes)));
        }
        return outcomes;
    }

    private static EvaluationPoint Summarise(int after, string envId, List<EpisodeOutcome> outcomes)
    {
        var counted = outcomes.Where(o => o.Performance is not null).Select(o => o.Performance!.Value).ToList();
        return new EvaluationPoint(after, envId,
            outcomes.Count == 0 ? double.NaN : outcomes.Average(o => o.Return),
            counted.Count == 0 ? double.NaN : counted.Average(),
            outcomes.Count - counted.Count);
    }
}
