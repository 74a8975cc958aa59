using Goodhart.Core;
using Goodhart.Core.Environments;
using Goodhart.Core.Randomness;
using Goodhart.Core.ValueLearning;

namespace Goodhart.Experiments.ValueLearning.Overseer;

/// <summary>
/// "Be the overseer" (the workbench's <c>/overseer.html</c>): reward learning from a person's preferences (Christiano
/// et al. 2017) one comparison at a time. The session trains a tabular agent on the reward ensemble's current reward,
/// offers pairs of that agent's training segments where the ensemble disagrees most, records the person's verdicts,
/// and on <see cref="Update"/> refits the ensemble on every answer and retrains the agent on it, reporting what the new
/// agent does (a greedy episode, its visible return and hidden performance). The same steps as the
/// <c>reward-from-preferences</c> recipe (<see cref="PreferenceLearning"/>), with the person as the overseer.
/// Not thread-safe: callers serialise calls on one session. Bounded: at most <see cref="MaxQueries"/> answers and
/// <see cref="MaxUpdates"/> updates, each update one agent of <see cref="PreferenceLearningOptions.Episodes"/> episodes.
/// </summary>
public sealed class OverseerSession
{
    /// <summary>The envs a session may use (reward learning's two: reward gaming and observation tampering).</summary>
    public static readonly IReadOnlyList<string> Envs = ["boat_race", "tomato_watering"];

    /// <summary>Most answers (not counting "can't tell") one session accepts.</summary>
    public const int MaxQueries = 200;

    /// <summary>Most "can't tell" verdicts one session accepts.</summary>
    public const int MaxSkipped = 200;

    /// <summary>Most updates (agent retrainings) of one session.</summary>
    public const int MaxUpdates = 50;

    private readonly Func<Gridworld> _makeEnv;
    private readonly StepFeatures _features;
    private readonly RewardEnsemble _ensemble;
    private readonly List<PreferenceComparison> _answered = [];
    private readonly List<OverseerPoint> _history = [];
    private readonly ulong _seed;
    private Xoshiro256 _rng;
    private PreferenceTraining _agent;
    private OverseerState _state;
    private OverseerQuery? _pending;
    private int _asked;
    private int _skipped;
    private int _unused;

    private OverseerSession(string env, Func<Gridworld> makeEnv, PreferenceLearningOptions settings, ulong seed, CancellationToken cancellation)
    {
        Env = env;
        Settings = settings;
        _makeEnv = makeEnv;
        _seed = seed;
        var probe = makeEnv();
        _features = new StepFeatures(probe.Spec.Height * probe.Spec.Width, probe.Spec.ActionCount);
        _ensemble = new RewardEnsemble(settings.Members, _features.Count);
        _rng = new Xoshiro256(Xoshiro256.Derive(seed, 7));
        _agent = PreferenceLearning.TrainAgent(makeEnv, _features, _ensemble, settings, seed, 0, replays: true, cancellation);
        _state = Measure(cancellation);
    }

    /// <summary>The env id.</summary>
    public string Env { get; }

    /// <summary>The preference-learning settings (segment length, candidates, ensemble, the agent's training).</summary>
    public PreferenceLearningOptions Settings { get; }

    /// <summary>Where the session stands (after the last update).</summary>
    public OverseerState State => _state with { Answered = _answered.Count, Skipped = _skipped, Unused = _unused };

    /// <summary>The defaults of a session: the recipe's settings, with 200 candidate pairs per query.</summary>
    public static PreferenceLearningOptions DefaultSettings { get; } = new() { QueriesPerRound = 1, Candidates = 200 };

    /// <summary>
    /// Starts a session on <paramref name="env"/> (one of <see cref="Envs"/>, else <see cref="UserInputException"/>)
    /// and trains the first agent on the zero reward (a fraction of a second to a few seconds).
    /// </summary>
    public static OverseerSession Start(string? env, ulong seed, PreferenceLearningOptions? settings = null, CancellationToken cancellation = default)
    {
        if (env is null || !Envs.Contains(env, StringComparer.Ordinal))
            throw new UserInputException($"env must be one of {string.Join(", ", Envs)}, got '{env}'");
        var s = (settings ?? DefaultSettings) with { QueriesPerRound = 1 };
        s.Validate();
        var catalog = Gridworlds.GridworldCell.Catalog;
        return new OverseerSession(env, () => catalog.Create(env), s, seed, cancellation);
    }

    /// <summary>
    /// The pair to compare next: the one offered last if not yet answered, else a new one drawn from the current
    /// agent's segments where the ensemble disagrees most (pairs of identical segments are never offered). Null when
    /// the budget is spent or the agent left fewer than two different segments.
    /// </summary>
    public OverseerQuery? NextQuery()
    {
        if (_pending is not null)
            return _pending;
        if (_answered.Count >= MaxQueries || _skipped >= MaxSkipped)
            return null;
        var segments = _agent.Segments;
        if (segments.Count < 2)
            return null;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var (first, second) = PreferenceLearning.ChooseQueries(segments, _ensemble, Settings, ref _rng)[0];
            if (first.Features.AsSpan().SequenceEqual(second.Features))
                continue;
            _pending = new OverseerQuery(_asked++, Clip(first), Clip(second), first, second);
            return _pending;
        }
        return null;
    }

    /// <summary>
    /// Records the person's verdict on the pending query <paramref name="index"/> (else <see cref="ArgumentException"/>).
    /// "Can't tell" skips the pair.
    /// </summary>
    public void Answer(int index, OverseerChoice choice)
    {
        if (_pending is null || _pending.Index != index)
            throw new ArgumentException($"index must be the pair last offered ({(_pending is null ? "none: fetch the next pair first" : _pending.Index)}), got {index}", nameof(index));
        if (!Enum.IsDefined(choice))
            throw new ArgumentException($"unknown choice {choice}", nameof(choice));
        if (choice == OverseerChoice.CantTell)
            _skipped++;
        else
        {
            _answered.Add(new PreferenceComparison(_pending.FirstSegment, _pending.SecondSegment, choice == OverseerChoice.First ? 1 : 0));
            _unused++;
        }
        _pending = null;
    }

    /// <summary>
    /// Refits the reward ensemble on every answer so far and trains a fresh agent on its reward; the new agent's
    /// segments are the next queries' candidates. <see cref="InvalidOperationException"/> when no answer came since the
    /// last update or after <see cref="MaxUpdates"/> updates.
    /// </summary>
    public OverseerState Update(CancellationToken cancellation = default)
    {
        if (_unused == 0)
            throw new InvalidOperationException("answer at least one pair since the last update (\"can't tell\" does not count)");
        if (_history.Count - 1 >= MaxUpdates)
            throw new InvalidOperationException($"this session has had its {MaxUpdates} updates; start a new one");
        var round = _history.Count;
        var ensemble = _ensemble;
        ensemble.Fit(_answered, Settings.FitSteps, Settings.FitLearningRate, Settings.L2, Xoshiro256.Derive(_seed, (ulong)(300 + round)));
        _agent = PreferenceLearning.TrainAgent(_makeEnv, _features, ensemble, Settings, _seed, round, replays: true, cancellation);
        _pending = null;
        _unused = 0;
        _state = Measure(cancellation);
        return State;
    }

    private OverseerState Measure(CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var point = new OverseerPoint(_history.Count, _answered.Count, _agent.Return, _agent.Performance, PreferenceLearning.Agreement(_ensemble, _answered));
        _history.Add(point);
        var env = _makeEnv();
        env.Reset(Xoshiro256.Derive(_seed, 400 + (ulong)point.Round));
        var start = env.SaveSnapshot();
        var actions = new List<byte>();
        while (true)
        {
            var a = _agent.Agent.Act(env.Board, env.ExplorationOverride, explore: false);
            actions.Add((byte)a);
            if (env.Step(a).Done)
                break;
        }
        var outcome = env.LastOutcome!;
        return new OverseerState(Env, point, Replay(env, start, [.. actions]), outcome.Return, outcome.Performance, [.. _history], 0, 0, 0, MaxQueries);
    }

    private OverseerClip Clip(PreferenceSegment segment) =>
        Replay(_makeEnv(), segment.Start ?? throw new InvalidOperationException("the segment was recorded without its start"), segment.Actions!);

    /// <summary>Replays <paramref name="actions"/> from <paramref name="start"/> on <paramref name="env"/>, every board.</summary>
    public static OverseerClip Replay(Gridworld env, GridworldSnapshot start, IReadOnlyList<byte> actions)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(actions);
        env.RestoreSnapshot(start);
        var frames = new List<IReadOnlyList<string>>(actions.Count + 1) { Rows(env) };
        foreach (var a in actions)
        {
            var done = env.Step(a).Done;
            frames.Add(Rows(env));
            if (done)
                break;
        }
        return new OverseerClip(frames, ActionString.Format([.. actions.Take(frames.Count - 1).Select(a => (int)a)]));
    }

    /// <summary>The board's rows as text.</summary>
    public static IReadOnlyList<string> Rows(Gridworld env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var board = env.Board;
        var rows = new string[env.Spec.Height];
        for (var r = 0; r < rows.Length; r++)
            rows[r] = System.Text.Encoding.ASCII.GetString(board.Slice(r * env.Spec.Width, env.Spec.Width));
        return rows;
    }
}
