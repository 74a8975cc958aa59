using Goodhart.Core.Environments;
using Goodhart.Core.Randomness;
using TorchSharp;
using static TorchSharp.torch;

namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>
/// DQN with Rainbow's components, each switchable through <see cref="DqnOptions"/> (Mnih et al. 2015; Hessel et al.
/// 2018). Reads top to bottom in <see cref="Train"/>: act on every copy of a <see cref="VectorEnvironment"/>
/// (epsilon-greedy, or the noisy net's own noise; the env's imposed exploration, whisky's 0.9, always applies),
/// turn the steps into n-step transitions, store them, and once <see cref="DqnOptions.LearningStarts"/> steps have
/// passed take one gradient step per batched step on a sampled batch (<see cref="Update"/>); update the target net
/// every <see cref="DqnOptions.TargetUpdateInterval"/> steps. The learner sees the boards and the visible reward only;
/// the hidden performance and safety events are read from each finished episode's outcome for measurement.
/// <para>
/// Seeded: the envs, the initial weights, action choice, replay sampling and the noise each come from their own
/// <see cref="Xoshiro256"/> stream of the seed (torch's generators are never read). With a checkpoint folder the
/// trainer saves everything (weights, target, Adam's moments, the replay buffer, n-step queues, every env copy's
/// state, the streams, the episodes so far) as one atomic <see cref="Checkpoints.CheckpointSet"/> every
/// <see cref="DqnOptions.CheckpointEvery"/> steps, when cancelled, and at the end; a new trainer on the same folder
/// resumes bit-exactly, or refuses a set written with other options, env or seed.
/// </para>
/// </summary>
public sealed partial class DqnTrainer : IDisposable
{
    /// <summary>Sub-streams of the run's seed.</summary>
    public const ulong EnvStream = 0, NetworkStream = 1, ActStream = 2, ReplayStream = 3, NoiseStream = 4, EvaluationStream = 5;

    private readonly DqnOptions _options;
    private readonly ulong _seed;
    private readonly string? _checkpointDirectory;
    private readonly VectorEnvironment _env;
    private readonly BoardEncoder _encoder;
    private readonly QNetwork _online;
    private readonly QNetwork _target;
    private readonly ScalarSafeAdam _optimizer;
    private readonly ReplayBuffer _replay;
    private readonly NStepAccumulator[] _nStep;
    private readonly List<DqnEpisode> _episodes = [];
    private readonly List<DqnDiagnostics> _diagnostics = [];
    private readonly NStepSink _store;
    private readonly DqnBackend _backend;
    private readonly FusedDqn? _fused;
    private bool _fusedAhead;
    private Xoshiro256 _actRng;
    private Xoshiro256 _replayRng;
    private Xoshiro256 _noiseRng;
    private long _iteration;
    private long _updates;
    private long? _resumedFrom;
    private DqnDiagnosticsSums _sums;
    private Action<DqnDiagnostics>? _onDiagnostics;

    /// <param name="makeEnv">Builds one copy of the training env (called <see cref="DqnOptions.Envs"/> times).</param>
    /// <param name="options">The algorithm's settings (<see cref="DqnOptions.Dqn"/>, <see cref="DqnOptions.Rainbow"/> or your own).</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="checkpointDirectory">Where checkpoint sets go; a set already there is resumed (or refused if it does not match).</param>
    public DqnTrainer(Func<Gridworld> makeEnv, DqnOptions options, ulong seed, string? checkpointDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(makeEnv);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        TorchRuntime.Initialize();
        _options = options;
        _seed = seed;
        _checkpointDirectory = checkpointDirectory;
        _env = new VectorEnvironment(makeEnv, options.Envs, Xoshiro256.Derive(seed, EnvStream));
        _env.Reset();
        Spec = _env.Spec;
        _encoder = new BoardEncoder(Spec);
        // nn.Linear draws its (overwritten) initial weights from torch's global generator: hold the lock so that
        // another trainer's seeded initialisation on another thread is not disturbed.
        lock (TorchRuntime.GlobalGeneratorLock)
        {
            _online = new QNetwork(_encoder.Length, Spec.ActionCount, options, Xoshiro256.Derive(seed, NetworkStream));
            _target = new QNetwork(_encoder.Length, Spec.ActionCount, options, Xoshiro256.Derive(seed, NetworkStream));
        }
        _online.to(TorchDevice.Default);
        _target.to(TorchDevice.Default);
        QNetwork.UpdateTarget(_target, _online, 1.0);
        _optimizer = new ScalarSafeAdam(_online.parameters(), options.LearningRate, options.AdamEpsilon, options.MaxGradNorm);
        _backend = options.ResolvedBackend();
        _fused = _backend == DqnBackend.Fused ? new FusedDqn(_online, _target, _optimizer, _encoder, Spec.ActionCount, options) : null;
        _replay = new ReplayBuffer(options.BufferSize, Spec.CellCount, options.Prioritised, options.PriorityAlpha, options.PriorityEpsilon);
        _nStep = [.. Enumerable.Range(0, options.Envs).Select(_ => new NStepAccumulator(options.NSteps, options.Discount, Spec.CellCount))];
        _store = (board, action, ret, next, discount) => _replay.Add(board, action, (float)ret, next, (float)discount);
        _actRng = new Xoshiro256(Xoshiro256.Derive(seed, ActStream));
        _replayRng = new Xoshiro256(Xoshiro256.Derive(seed, ReplayStream));
        _noiseRng = new Xoshiro256(Xoshiro256.Derive(seed, NoiseStream));
        if (Checkpoints.CheckpointSet.Exists(checkpointDirectory))
            Resume(checkpointDirectory!);
    }

    /// <summary>The training env's spec.</summary>
    public EnvironmentSpec Spec { get; }

    /// <summary>The backend the run uses (<see cref="DqnOptions.Backend"/> resolved).</summary>
    public DqnBackend Backend => _backend;

    /// <summary>The online Q-network (for tests and evaluation; with the fused backend, as of the last checkpoint, export, evaluation or the end of training).</summary>
    public QNetwork Online => _online;

    /// <summary>Training episodes that ended before the run resumed (0 for a fresh run).</summary>
    public int EpisodesBeforeResume { get; private set; }

    /// <summary>A copy of the online network as a policy (noise off) that the caller owns.</summary>
    public QPolicy ExportPolicy(string agent)
    {
        SyncTensors();
        QNetwork copy;
        lock (TorchRuntime.GlobalGeneratorLock)
            copy = new QNetwork(_encoder.Length, Spec.ActionCount, _options, 0);
        copy.to(TorchDevice.Default);
        QNetwork.UpdateTarget(copy, _online, 1.0);
        return new QPolicy(agent, BoardShape.Of(Spec), _options, copy);
    }

    /// <summary>Env steps taken so far.</summary>
    public long Steps => _iteration * _options.Envs;

    /// <summary>Gradient steps taken so far.</summary>
    public long GradientSteps => _updates;

    /// <summary>Batched steps in a whole run: TotalSteps / Envs, rounded up.</summary>
    private long Iterations => (_options.TotalSteps + _options.Envs - 1) / _options.Envs;

    /// <summary>
    /// Trains until <see cref="DqnOptions.TotalSteps"/> (from where a resumed run left off). Cancellation stops between
    /// batched steps: the checkpoint set is saved (with a folder) and <see cref="OperationCanceledException"/> thrown.
    /// </summary>
    /// <param name="onEpisode">Called with every finished training episode (progress displays, run stores).</param>
    /// <param name="cancellation">Stops training between batched steps.</param>
    /// <param name="onDiagnostics">Called with every diagnostics point.</param>
    /// <param name="onStepped">
    /// Called after every batched step (its update, target update and episodes done, before any checkpoint) with the
    /// env steps taken so far: the periodic greedy evaluation's hook. What it does must not touch the trainer's state.
    /// </param>
    public DqnResult Train(Action<DqnEpisode>? onEpisode = null, CancellationToken cancellation = default, Action<DqnDiagnostics>? onDiagnostics = null, Action<long>? onStepped = null)
    {
        using var threads = TorchRuntime.PinThreads(1); // one intra-op thread for the training, as PPO and A2C (OnPolicyRun): deterministic by seed for every torso
        _onDiagnostics = onDiagnostics;
        var n = _options.Envs;
        var actions = new int[n];
        var rewards = new double[n];
        var terminated = new bool[n];
        var truncated = new bool[n];
        var boards = new byte[n * Spec.CellCount];
        if (_fused is not null)
        {
            _fused.Pull();
            _fusedAhead = true;
        }
        for (; _iteration < Iterations; _iteration++)
        {
            if (cancellation.IsCancellationRequested)
            {
                SaveCheckpoint();
                cancellation.ThrowIfCancellationRequested();
            }
            var step = _iteration * n;
            var epsilon = Epsilon(step);
            for (var i = 0; i < n; i++)
                _env.CopyAt(i).Board.CopyTo(boards.AsSpan(i * Spec.CellCount, Spec.CellCount));
            Act(boards, epsilon, actions);
            _env.Step(actions, rewards, terminated, truncated);
            for (var i = 0; i < n; i++)
            {
                var board = boards.AsSpan(i * Spec.CellCount, Spec.CellCount);
                var next = terminated[i] || truncated[i] ? _env.FinalObservation(i) : _env.CopyAt(i).Board;
                _nStep[i].Add(board, actions[i], rewards[i], next, terminated[i], truncated[i], _store);
            }
            var after = step + n;
            foreach (var finished in _env.FinishedEpisodes)
            {
                var episode = new DqnEpisode(after, finished.Copy, finished.Outcome);
                _episodes.Add(episode);
                onEpisode?.Invoke(episode);
            }
            if (after >= _options.LearningStarts && _replay.Count >= _options.BatchSize)
                Update(after, epsilon);
            if (after / _options.TargetUpdateInterval > step / _options.TargetUpdateInterval)
            {
                if (_fused is not null)
                    _fused.UpdateTarget(_options.TargetUpdateRate);
                else
                    QNetwork.UpdateTarget(_target, _online, _options.TargetUpdateRate);
            }
            onStepped?.Invoke(after);
            if (_options.CheckpointEvery > 0 && after / _options.CheckpointEvery > step / _options.CheckpointEvery && _iteration + 1 < Iterations)
            {
                _iteration++;
                SaveCheckpoint();
                _iteration--;
            }
        }
        SaveCheckpoint();
        return new DqnResult([.. _episodes], [.. _diagnostics], Steps, _updates, _resumedFrom);
    }

    /// <summary>
    /// Greedy episodes on a fresh env (noise off, epsilon 0; the env's imposed exploration still applies, drawn from
    /// the evaluation stream), without learning.
    /// </summary>
    public List<EpisodeOutcome> Evaluate(Func<Gridworld> makeEnv, int episodes)
    {
        ArgumentNullException.ThrowIfNull(makeEnv);
        var env = makeEnv();
        if (env.Spec.Tiles != Spec.Tiles || env.Spec.CellCount != Spec.CellCount || env.Spec.ActionCount != Spec.ActionCount)
            throw new ArgumentException($"{env.Spec.Id} differs in shape from the training env {Spec.Id}.", nameof(makeEnv));
        var rng = new Xoshiro256(Xoshiro256.Derive(_seed, EvaluationStream));
        env.Reset(Xoshiro256.Derive(_seed, EvaluationStream));
        var outcomes = new List<EpisodeOutcome>(episodes);
        SyncTensors();
        var planes = new float[_encoder.Length];
        _online.SetNoise(false);
        try
        {
            for (var e = 0; e < episodes; e++)
            {
                if (e > 0)
                    env.Reset();
                while (true)
                {
                    _encoder.Encode(env.Board, planes);
                    var q = QValuesOf(planes, 1);
                    var action = Choose(q, 0, env.ExplorationOverride, ref rng);
                    if (env.Step(action).Done)
                        break;
                }
                outcomes.Add(env.LastOutcome!);
            }
        }
        finally
        {
            _online.SetNoise(true);
        }
        return outcomes;
    }

    /// <summary>
    /// The action the target is computed at: double Q-learning picks it with the online net and lets the target net
    /// value it (van Hasselt et al. 2016); plain DQN picks and values with the target net. Inputs are [batch, actions]
    /// Q values of the next boards; the result is [batch] action indices.
    /// </summary>
    public static Tensor SelectNextActions(Tensor onlineNextQ, Tensor targetNextQ, bool doubleQ)
    {
        ArgumentNullException.ThrowIfNull(onlineNextQ);
        ArgumentNullException.ThrowIfNull(targetNextQ);
        return (doubleQ ? onlineNextQ : targetNextQ).argmax(1);
    }

    /// <summary>Epsilon at env step <paramref name="step"/>: linear from start to end over the exploration fraction, then flat.</summary>
    public double Epsilon(long step)
    {
        var span = _options.ExplorationFraction * _options.TotalSteps;
        if (span <= 0 || step >= span)
            return _options.EpsilonEnd;
        return _options.EpsilonStart + (_options.EpsilonEnd - _options.EpsilonStart) * (step / span);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _optimizer.Dispose();
        _online.Dispose();
        _target.Dispose();
    }

    /// <summary>With the fused backend, copies its parameters and Adam's state into the tensors when they are behind.</summary>
    private void SyncTensors()
    {
        if (_fused is null || !_fusedAhead)
            return;
        _fused.Push();
        _fusedAhead = false;
    }

    private void Act(byte[] boards, double epsilon, int[] actions)
    {
        var n = actions.Length;
        float[] q;
        if (_fused is not null)
        {
            q = new float[n * Spec.ActionCount];
            _fused.QValues(boards, n, ref _noiseRng, q);
        }
        else
        {
            var planes = new float[n * _encoder.Length];
            for (var i = 0; i < n; i++)
                _encoder.Encode(boards.AsSpan(i * Spec.CellCount, Spec.CellCount), planes.AsSpan(i * _encoder.Length, _encoder.Length));
            _online.ResetNoise(ref _noiseRng);
            q = QValuesOf(planes, n);
        }
        for (var i = 0; i < n; i++)
            actions[i] = Choose(q.AsSpan(i * Spec.ActionCount, Spec.ActionCount), epsilon, _env.CopyAt(i).ExplorationOverride, ref _actRng);
    }

    private static int Choose(ReadOnlySpan<float> q, double epsilon, double explorationOverride, ref Xoshiro256 rng)
    {
        var rate = double.IsNaN(explorationOverride) ? epsilon : explorationOverride;
        if (rate > 0 && rng.NextDouble() < rate)
            return rng.NextInt(q.Length);
        var best = 0;
        for (var a = 1; a < q.Length; a++)
        {
            if (q[a] > q[best])
                best = a;
        }
        return best;
    }

    /// <summary>Q values [rows x actions] of encoded boards, without gradients.</summary>
    private float[] QValuesOf(float[] planes, int rows)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var input = tensor(planes, [rows, _encoder.Length], device: TorchDevice.Default);
        return QValues(_online.forward(input)).cpu().data<float>().ToArray();
    }

    /// <summary>[batch, actions] Q values from the network's output.</summary>
    private Tensor QValues(Tensor output) => _online.QValues(output);

    /// <summary>One gradient step on a sampled batch: the named loss, priorities, diagnostics.</summary>
    private void Update(long step, double epsilon)
    {
        var batch = _options.BatchSize;
        var beta = _options.PriorityBetaStart + (1 - _options.PriorityBetaStart) * Math.Min(1.0, step / (double)_options.TotalSteps);
        var indices = new int[batch];
        var weights = new float[batch];
        _replay.Sample(batch, beta, ref _replayRng, indices, weights);
        if (_fused is not null)
        {
            var priorities = new float[batch];
            var (fusedLoss, tdError, meanQ) = _fused.LossAndGradients(_replay, indices, weights, ref _noiseRng, priorities);
            _fused.Step();
            _fusedAhead = true;
            _updates++;
            _replay.UpdatePriorities(indices, priorities);
            Record(step, epsilon, beta, fusedLoss, tdError, meanQ);
            return;
        }
        var states = new float[batch * _encoder.Length];
        var nextStates = new float[batch * _encoder.Length];
        var actions = new long[batch];
        var returns = new float[batch];
        var discounts = new float[batch];
        for (var b = 0; b < batch; b++)
        {
            var i = indices[b];
            _encoder.Encode(_replay.Board(i), states.AsSpan(b * _encoder.Length, _encoder.Length));
            _encoder.Encode(_replay.NextBoard(i), nextStates.AsSpan(b * _encoder.Length, _encoder.Length));
            actions[b] = _replay.Action(i);
            returns[b] = _replay.Return(i);
            discounts[b] = _replay.Discount(i);
        }
        _online.ResetNoise(ref _noiseRng);
        _target.ResetNoise(ref _noiseRng);

        using var scope = NewDisposeScope();
        var device = TorchDevice.Default;
        var s = tensor(states, [batch, _encoder.Length], device: device);
        var next = tensor(nextStates, [batch, _encoder.Length], device: device);
        var a = tensor(actions, [batch, 1], device: device);
        var r = tensor(returns, [batch], device: device);
        var d = tensor(discounts, [batch], device: device);
        var w = tensor(weights, [batch], device: device);
        var terms = TorchLoss(_online, _target, _options, s, next, a, r, d);
        var loss = w.mul(terms.PerSample).mean();
        _optimizer.ZeroGrad();
        loss.backward();
        _optimizer.Step();
        _updates++;

        var errors = terms.Priority.cpu().data<float>().ToArray();
        _replay.UpdatePriorities(indices, errors);
        Record(step, epsilon, beta, loss.ToDouble(), terms.TdError.ToDouble(), terms.MeanQ.ToDouble());
    }

    /// <summary>Adds a gradient step's loss, TD error and mean Q to the sums, and emits a diagnostics point every <see cref="DqnOptions.DiagnosticsEvery"/> steps.</summary>
    private void Record(long step, double epsilon, double beta, double loss, double tdError, double meanQ)
    {
        _sums.Add(loss, tdError, meanQ);
        if (_updates % _options.DiagnosticsEvery == 0)
        {
            var noise = _fused is not null ? _fused.Online.NoiseScale() : _online.NoiseScale();
            var point = _sums.Point(step, _updates, epsilon, noise, _options.Prioritised ? beta : double.NaN);
            _diagnostics.Add(point);
            _onDiagnostics?.Invoke(point);
            _sums = default;
        }
    }
}
