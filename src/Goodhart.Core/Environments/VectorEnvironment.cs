using Goodhart.Core.Randomness;

namespace Goodhart.Core.Environments;

/// <summary>
/// A batch of N copies of one gridworld stepped together (Gymnasium's vector env), for learners that take many
/// transitions at once and for throughput. Copy <c>i</c> is seeded with <c>Xoshiro256.Derive(seed, i)</c>, so the
/// batch is exactly N independent envs stepped one by one.
/// <para>
/// Autoreset is Gymnasium's same-step mode: a copy whose episode ends in a <see cref="Step"/> is reset in that same
/// step (continuing its own random stream), its observation is the new episode's first board, and the episode it
/// finished is kept in <see cref="FinishedEpisodes"/> (and passed to <see cref="EpisodeFinished"/>) with its final
/// board in <see cref="FinalObservation"/>, so no episode is lost.
/// </para>
/// <para>
/// With <c>degreeOfParallelism</c> above 1 the copies are stepped in chunks on the thread pool. Each copy owns its
/// state and generator and the finished episodes are gathered in copy order afterwards, so the results are identical
/// to the serial path.
/// </para>
/// </summary>
public sealed class VectorEnvironment
{
    /// <summary>
    /// The fewest copies handed to a thread at once. A boat race step takes about 20 ns, so a chunk is a few
    /// microseconds of work, more than handing it to the thread pool costs; smaller batches are stepped serially.
    /// </summary>
    public const int MinCopiesPerChunk = 128;

    private readonly Gridworld[] _copies;
    private readonly ulong _seed;
    private readonly int _cells;
    private readonly byte[] _observations;
    private readonly byte[] _finalObservations;
    private readonly double[] _explorationOverrides;
    private readonly double[] _hiddenRewards;
    private readonly int[] _actions;
    private readonly double[] _rewards;
    private readonly bool[] _terminated;
    private readonly bool[] _truncated;
    private readonly List<FinishedEpisode> _finished = [];
    private readonly int _chunkCount;
    private readonly int _chunkSize;
    private readonly ParallelOptions? _parallelOptions;
    private readonly Action<int> _stepChunk;
    private long _batchSteps;
    private bool _started;

    /// <param name="makeEnv">Builds one copy; called <paramref name="copies"/> times and must return a new env each time.</param>
    /// <param name="copies">How many envs to step together.</param>
    /// <param name="seed">The batch's seed; copy i gets <c>Xoshiro256.Derive(seed, i)</c>.</param>
    /// <param name="degreeOfParallelism">
    /// Threads to step chunks of copies on; 1 (the default) steps them serially, and so does a batch of fewer than
    /// 2 x <see cref="MinCopiesPerChunk"/> copies.
    /// </param>
    public VectorEnvironment(Func<Gridworld> makeEnv, int copies, ulong seed, int degreeOfParallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(makeEnv);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(copies);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreeOfParallelism);
        _copies = new Gridworld[copies];
        var seen = new HashSet<Gridworld>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < copies; i++)
        {
            var env = makeEnv();
            if (!seen.Add(env))
                throw new ArgumentException("makeEnv returned the same env twice; each copy needs its own instance.", nameof(makeEnv));
            if (i > 0 && !SameShape(env.Spec, _copies[0].Spec))
                throw new ArgumentException($"copy {i} ({env.Spec.Id}) differs in shape from copy 0 ({_copies[0].Spec.Id}).", nameof(makeEnv));
            _copies[i] = env;
        }
        Spec = _copies[0].Spec;
        _seed = seed;
        _cells = Spec.CellCount;
        _observations = new byte[copies * _cells];
        _finalObservations = new byte[copies * _cells];
        _explorationOverrides = new double[copies];
        _hiddenRewards = new double[copies];
        _actions = new int[copies];
        _rewards = new double[copies];
        _terminated = new bool[copies];
        _truncated = new bool[copies];
        // A few chunks per thread even out uneven chunks; each chunk is big enough to pay for handing it to a thread.
        // A single chunk is the serial path.
        _chunkCount = degreeOfParallelism == 1 ? 1 : Math.Max(1, Math.Min(degreeOfParallelism * 4, copies / MinCopiesPerChunk));
        _chunkSize = (copies + _chunkCount - 1) / _chunkCount;
        DegreeOfParallelism = Math.Min(degreeOfParallelism, _chunkCount);
        _parallelOptions = DegreeOfParallelism == 1 ? null : new ParallelOptions { MaxDegreeOfParallelism = DegreeOfParallelism };
        _stepChunk = StepChunk;
    }

    /// <summary>The spec shared by every copy (the first copy's).</summary>
    public EnvironmentSpec Spec { get; }

    /// <summary>How many copies are stepped together.</summary>
    public int Count => _copies.Length;

    /// <summary>
    /// Threads <see cref="Step"/> uses: the constructor's degree of parallelism, capped so that every thread gets at
    /// least <see cref="MinCopiesPerChunk"/> copies (1: serial).
    /// </summary>
    public int DegreeOfParallelism { get; }

    /// <summary>Batched steps taken since the last <see cref="Reset"/>.</summary>
    public long BatchSteps => _batchSteps;

    /// <summary>Floats <see cref="WriteOneHot"/> writes: copies x planes x cells.</summary>
    public int OneHotLength => Count * Spec.Tiles.Length * _cells;

    /// <summary>Every copy's board, copy-major (copies x cells, one ASCII byte per cell). Valid until the next Reset/Step.</summary>
    public ReadOnlySpan<byte> Observations => _observations;

    /// <summary>The exploration rate each copy imposes on its agent (NaN where none), part of the observation.</summary>
    public ReadOnlySpan<double> ExplorationOverrides => _explorationOverrides;

    /// <summary>The hidden reward of each copy's last step, taken before any autoreset. Measurement only, never for agents.</summary>
    public ReadOnlySpan<double> StepHiddenRewards => _hiddenRewards;

    /// <summary>The episodes that ended in the last <see cref="Step"/>, in copy order; read them before the next step.</summary>
    public IReadOnlyList<FinishedEpisode> FinishedEpisodes => _finished;

    /// <summary>Called for every finished episode, in copy order, at the end of the step that finished it.</summary>
    public Action<FinishedEpisode>? EpisodeFinished { get; set; }

    /// <summary>One copy's board (a slice of <see cref="Observations"/>).</summary>
    public ReadOnlySpan<byte> Observation(int copy) => _observations.AsSpan(CheckCopy(copy) * _cells, _cells);

    /// <summary>
    /// The last board of the episode a copy finished in the last step (Gymnasium's <c>final_obs</c>), for learners that
    /// bootstrap from truncated episodes. Meaningful only where that step reported terminated or truncated.
    /// </summary>
    public ReadOnlySpan<byte> FinalObservation(int copy) => _finalObservations.AsSpan(CheckCopy(copy) * _cells, _cells);

    /// <summary>
    /// One copy, for reading its spec or hidden channel. Stepping or resetting it directly breaks the batch's
    /// bookkeeping; use <see cref="Step"/>.
    /// </summary>
    public Gridworld CopyAt(int copy) => _copies[CheckCopy(copy)];

    /// <summary>
    /// Starts a new episode in every copy, copy i seeded with <c>Xoshiro256.Derive(seed, i)</c>, where seed is the
    /// argument or, if null, the constructor's. Clears <see cref="FinishedEpisodes"/> and the batch step count.
    /// </summary>
    public void Reset(ulong? seed = null)
    {
        var s = seed ?? _seed;
        for (var i = 0; i < _copies.Length; i++)
        {
            var env = _copies[i];
            env.Reset(Xoshiro256.Derive(s, (ulong)i));
            env.Board.CopyTo(_observations.AsSpan(i * _cells, _cells));
            _explorationOverrides[i] = env.ExplorationOverride;
            _hiddenRewards[i] = 0;
        }
        _finished.Clear();
        _batchSteps = 0;
        _started = true;
    }

    /// <summary>
    /// Steps every copy with its action and writes each copy's visible reward and end flags. Copies that ended are
    /// reset at once (same-step autoreset): their observation is already the next episode's first board.
    /// </summary>
    public void Step(ReadOnlySpan<int> actions, Span<double> rewards, Span<bool> terminated, Span<bool> truncated)
    {
        if (!_started)
            throw new InvalidOperationException($"{Spec.Id} x{Count}: call Reset before Step.");
        var n = _copies.Length;
        CheckLength(actions.Length, nameof(actions));
        CheckLength(rewards.Length, nameof(rewards));
        CheckLength(terminated.Length, nameof(terminated));
        CheckLength(truncated.Length, nameof(truncated));
        var actionCount = (uint)Spec.ActionCount;
        for (var i = 0; i < n; i++)
        {
            if ((uint)actions[i] >= actionCount)
                throw new ArgumentOutOfRangeException(nameof(actions), actions[i], $"copy {i}: {Spec.Id} takes actions 0..{actionCount - 1}.");
        }
        actions.CopyTo(_actions);
        _finished.Clear();
        _batchSteps++;
        if (_parallelOptions is null)
        {
            for (var c = 0; c < _chunkCount; c++)
                StepChunk(c);
        }
        else
            Parallel.For(0, _chunkCount, _parallelOptions, _stepChunk);
        _rewards.CopyTo(rewards);
        _terminated.CopyTo(terminated);
        _truncated.CopyTo(truncated);
        for (var i = 0; i < n; i++)
        {
            if (_terminated[i] || _truncated[i])
                _finished.Add(new FinishedEpisode(i, _batchSteps, _copies[i].LastOutcome!));
        }
        if (EpisodeFinished is { } callback)
        {
            foreach (var f in _finished)
                callback(f);
        }
    }

    /// <summary>
    /// Writes every copy's one-hot planes, copy-major: copies x planes x cells, with each copy laid out as
    /// <see cref="Gridworld.WriteOneHot"/> lays out one env (plane p = Spec.Tiles[p]).
    /// </summary>
    public void WriteOneHot(Span<float> planes)
    {
        var stride = Spec.Tiles.Length * _cells;
        if (planes.Length < Count * stride)
            throw new ArgumentException($"Need {Count * stride} floats for {Count} copies of {Spec.Tiles.Length} planes.", nameof(planes));
        for (var i = 0; i < _copies.Length; i++)
            _copies[i].WriteOneHot(planes.Slice(i * stride, stride));
    }

    private void StepChunk(int chunk)
    {
        var copies = _copies;
        var (actions, rewards, terminated, truncated) = (_actions, _rewards, _terminated, _truncated);
        var cells = _cells;
        var start = chunk * _chunkSize;
        var end = Math.Min(copies.Length, start + _chunkSize);
        for (var i = start; i < end; i++)
        {
            var env = copies[i];
            var t = env.Step(actions[i]);
            rewards[i] = t.Reward;
            terminated[i] = t.Terminated;
            truncated[i] = t.Truncated;
            _hiddenRewards[i] = env.Hidden.StepHiddenReward;
            if (t.Done)
            {
                env.Board.CopyTo(_finalObservations.AsSpan(i * cells, cells));
                env.Reset();
            }
            env.Board.CopyTo(_observations.AsSpan(i * cells, cells));
            _explorationOverrides[i] = env.ExplorationOverride;
        }
    }

    private int CheckCopy(int copy)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(copy);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(copy, _copies.Length);
        return copy;
    }

    private void CheckLength(int length, string name)
    {
        if (length != _copies.Length)
            throw new ArgumentException($"expected {_copies.Length} entries (one per copy), got {length}.", name);
    }

    private static bool SameShape(EnvironmentSpec a, EnvironmentSpec b) =>
        a.Height == b.Height && a.Width == b.Width && a.ActionCount == b.ActionCount
        && string.Equals(a.Tiles, b.Tiles, StringComparison.Ordinal);
}
