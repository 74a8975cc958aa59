using Goodhart.Core.Agents;
using Goodhart.Core.Environments;
using Goodhart.Core.Randomness;
using Goodhart.Core.Training;

namespace Goodhart.Core.ValueLearning;

/// <summary>
/// Reward learning from preferences (Christiano et al. 2017). Each round a fresh learner (<see cref="PreferenceLearner"/>:
/// tabular Q-learning over boards, or linear Q-learning over the board seen from the agent) trains on the
/// current learned reward (the ensemble's mean, or its lower bound) and is evaluated greedily on the true performance;
/// its training episodes are cut into segments; candidate pairs of segments are drawn, the queries chosen among them
/// (by the ensemble's disagreement or at random) are answered by a simulated overseer with Bradley-Terry noise, and the
/// ensemble is refitted on every answer so far. The learner never sees the visible or the hidden reward.
/// </summary>
public static class PreferenceLearning
{
    /// <summary>Runs every round; <paramref name="onRound"/> sees each as it finishes.</summary>
    public static IReadOnlyList<PreferenceRound> Run(Func<Gridworld> makeEnv, PreferenceLearningOptions options, ulong seed,
        Action<PreferenceRound>? onRound = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(makeEnv);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var probe = makeEnv();
        var features = new StepFeatures(probe.Spec.Height * probe.Spec.Width, probe.Spec.ActionCount);
        var ensemble = new RewardEnsemble(options.Members, features.Count);
        var answered = new List<PreferenceComparison>();
        var rounds = new List<PreferenceRound>();
        var rng = new Xoshiro256(Xoshiro256.Derive(seed, 7));
        for (var round = 0; round < options.Rounds; round++)
        {
            cancellation.ThrowIfCancellationRequested();
            var trained = TrainAgent(makeEnv, features, ensemble, options, seed, round, replays: false, cancellation);
            var measured = new PreferenceRound(answered.Count, trained.Return, trained.Performance, Agreement(ensemble, answered));
            rounds.Add(measured);
            onRound?.Invoke(measured);
            if (round + 1 == options.Rounds || trained.Segments.Count < 2)
                continue;
            foreach (var (first, second) in ChooseQueries(trained.Segments, ensemble, options, ref rng))
                answered.Add(new PreferenceComparison(first, second, Answer(first, second, options, ref rng)));
            ensemble.Fit(answered, options.FitSteps, options.FitLearningRate, options.L2, Xoshiro256.Derive(seed, (ulong)(300 + round)));
        }
        return rounds;
    }

    /// <summary>
    /// Round <paramref name="round"/>'s agent: a fresh learner trained on the ensemble's current reward (or on the hidden
    /// reward, for <see cref="AgentRewardSource.Hidden"/>; its seeds
    /// derived from <paramref name="seed"/> and the round), evaluated greedily, with its training episodes cut into
    /// segments (each with its start state and actions when <paramref name="replays"/>, so that it can be shown).
    /// </summary>
    public static PreferenceTraining TrainAgent(Func<Gridworld> makeEnv, StepFeatures features, RewardEnsemble ensemble, PreferenceLearningOptions options,
        ulong seed, int round, bool replays, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(makeEnv);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(options);
        var segments = new List<PreferenceSegment>();
        var probe = makeEnv();
        var agentSeed = Xoshiro256.Derive(seed, (ulong)(100 + round));
        IAgent agent = options.Learner == PreferenceLearner.Linear
            ? new LinearQLearningAgent(probe.Spec.ActionCount, new BoardFeatures(probe.Spec.Width), options.Agent, agentSeed)
            : new QLearningAgent(probe.Spec.ActionCount, options.Agent, agentSeed);
        var hooks = Hooks(features, ensemble, options, segments, replays);
        var training = new TrainingOptions { Episodes = options.Episodes, Seed = Xoshiro256.Derive(seed, (ulong)(200 + round)), EvaluationEvery = 0, EvaluationEpisodes = options.EvaluationEpisodes, Agent = options.Agent };
        var result = TabularTraining.Train(makeEnv, agent, training, cancellation: cancellation, hooks: hooks);
        var final = result.Evaluations[^1];
        return new PreferenceTraining(agent, segments, final.MeanReturn, final.MeanPerformance);
    }

    /// <summary>The overseer's label: 1 with probability sigmoid((U1 - U2) / temperature) (a coin flip on ties), else 0.</summary>
    public static double Answer(PreferenceSegment first, PreferenceSegment second, PreferenceLearningOptions options, ref Xoshiro256 rng)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (u1, u2) = options.Overseer == OverseerKind.True ? (first.Hidden, second.Hidden) : (first.Visible, second.Visible);
        var p = options.OverseerTemperature == 0
            ? (u1 > u2 ? 1 : u1 < u2 ? 0 : 0.5)
            : BradleyTerryRewardModel.Sigmoid((u1 - u2) / options.OverseerTemperature);
        return rng.Bernoulli(p) ? 1 : 0;
    }

    /// <summary>
    /// Draws <see cref="PreferenceLearningOptions.Candidates"/> random pairs of <paramref name="segments"/> and keeps the
    /// <see cref="PreferenceLearningOptions.QueriesPerRound"/> the ensemble disagrees on most (or the first ones drawn, for random selection).
    /// </summary>
    public static List<(PreferenceSegment First, PreferenceSegment Second)> ChooseQueries(IReadOnlyList<PreferenceSegment> segments, RewardEnsemble ensemble, PreferenceLearningOptions options, ref Xoshiro256 rng)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(options);
        var candidates = new List<(PreferenceSegment First, PreferenceSegment Second, double Score)>(options.Candidates);
        for (var i = 0; i < options.Candidates; i++)
        {
            var a = segments[rng.NextInt(segments.Count)];
            var b = segments[rng.NextInt(segments.Count)];
            var score = options.Selection == QuerySelection.Disagreement ? ensemble.Disagreement(a, b) : 0;
            candidates.Add((a, b, score));
        }
        // A stable sort keeps the random order among equal scores (all of them, for random selection).
        return [.. candidates.Select((c, i) => (c, i)).OrderByDescending(x => x.c.Score).ThenBy(x => x.i).Take(options.QueriesPerRound).Select(x => (x.c.First, x.c.Second))];
    }

    private static TabularTrainingHooks Hooks(StepFeatures features, RewardEnsemble ensemble, PreferenceLearningOptions options, List<PreferenceSegment> segments, bool replays)
    {
        var evaluation = false;
        GridworldSnapshot? start = null;
        var actions = new List<byte>();
        var sum = new double[features.Count];
        var step = new double[features.Count];
        double hidden = 0, visible = 0;
        var length = 0;
        var from = -1;
        return new TabularTrainingHooks
        {
            EpisodeStarted = e =>
            {
                evaluation = e.Evaluation;
                from = StepFeatures.AgentCell(e.Env.Board);
                if (replays && !evaluation)
                    start = e.Env.SaveSnapshot();
                actions.Clear();
                Array.Clear(sum);
                hidden = visible = 0;
                length = 0;
            },
            Reward = s =>
            {
                Array.Clear(step);
                features.Add(from, s.Env.Board, s.Action, step);
                from = StepFeatures.AgentCell(s.Env.Board);
                if (!evaluation)
                {
                    for (var i = 0; i < sum.Length; i++)
                        sum[i] += step[i];
                    hidden += s.Env.Hidden.StepHiddenReward;
                    visible += s.Transition.Reward;
                    if (replays)
                        actions.Add((byte)s.Action);
                    if (++length == options.SegmentLength)
                    {
                        segments.Add(new PreferenceSegment((double[])sum.Clone(), hidden, visible) { Start = start, Actions = replays ? [.. actions] : null });
                        if (replays)
                            start = s.Env.SaveSnapshot();
                        actions.Clear();
                        Array.Clear(sum);
                        hidden = visible = 0;
                        length = 0;
                    }
                }
                return options.AgentReward == AgentRewardSource.Hidden ? s.Env.Hidden.StepHiddenReward : ensemble.Reward(step, options.ConservativeK);
            },
        };
    }

    /// <summary>Share of <paramref name="answered"/> labels the ensemble's mean predicts (ties count half; NaN for none).</summary>
    public static double Agreement(RewardEnsemble ensemble, IReadOnlyList<PreferenceComparison> answered)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(answered);
        if (answered.Count == 0)
            return double.NaN;
        var agree = 0.0;
        foreach (var c in answered)
        {
            var p = ensemble.Members.Average(m => m.Probability(c.First, c.Second));
            agree += (p > 0.5 && c.FirstPreferred == 1) || (p < 0.5 && c.FirstPreferred == 0) ? 1 : p == 0.5 ? 0.5 : 0;
        }
        return agree / answered.Count;
    }
}
