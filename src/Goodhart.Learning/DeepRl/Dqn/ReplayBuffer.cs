using Goodhart.Core.Randomness;

namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>
/// The replay memory: a ring of (board, action, n-step return, next board, bootstrap discount) transitions, boards
/// stored as the env's bytes (one per cell; one-hot planes are made per batch). Sampling is uniform, or proportional to
/// priority^alpha through a <see cref="SumTree"/> (prioritised replay, Schaul et al. 2016) with importance-sampling
/// weights (N P(i))^-beta divided by the batch's largest. New transitions get the largest priority seen so far.
/// All randomness comes from the <see cref="Xoshiro256"/> the caller passes, so sampling is a function of the seed.
/// </summary>
public sealed class ReplayBuffer
{
    private readonly byte[] _boards;
    private readonly byte[] _nextBoards;
    private readonly int[] _actions;
    private readonly float[] _returns;
    private readonly float[] _discounts;
    private readonly SumTree? _priorities;
    private readonly double _alpha;
    private readonly double _priorityEpsilon;

    /// <param name="capacity">Transitions kept; the oldest is overwritten when full.</param>
    /// <param name="cells">Bytes per board.</param>
    /// <param name="prioritised">Proportional prioritised sampling (else uniform).</param>
    /// <param name="alpha">Priority exponent.</param>
    /// <param name="priorityEpsilon">Added to every |TD error| before the exponent.</param>
    public ReplayBuffer(int capacity, int cells, bool prioritised, double alpha = 0.5, double priorityEpsilon = 1e-6)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cells);
        if ((long)capacity * cells > Array.MaxLength)
            throw new ArgumentException($"a replay buffer of {capacity} boards of {cells} cells exceeds {Array.MaxLength} bytes; lower the buffer size.", nameof(capacity));
        Capacity = capacity;
        Cells = cells;
        _boards = new byte[(long)capacity * cells];
        _nextBoards = new byte[(long)capacity * cells];
        _actions = new int[capacity];
        _returns = new float[capacity];
        _discounts = new float[capacity];
        _priorities = prioritised ? new SumTree(capacity) : null;
        _alpha = alpha;
        _priorityEpsilon = priorityEpsilon;
        MaxPriority = 1.0;
    }

    /// <summary>Transitions the ring holds at most.</summary>
    public int Capacity { get; }

    /// <summary>Bytes per board.</summary>
    public int Cells { get; }

    /// <summary>Transitions held now.</summary>
    public int Count { get; private set; }

    /// <summary>Where the next transition goes.</summary>
    public int Position { get; private set; }

    /// <summary>Whether sampling is prioritised.</summary>
    public bool Prioritised => _priorities is not null;

    /// <summary>The largest priority (already raised to alpha) given so far; new transitions get it.</summary>
    public double MaxPriority { get; private set; }

    /// <summary>The tree of priorities (null for uniform replay).</summary>
    public SumTree? Priorities => _priorities;

    /// <summary>Adds one transition; <paramref name="discount"/> is gamma^k for a k-step bootstrap, 0 where the episode terminated.</summary>
    public void Add(ReadOnlySpan<byte> board, int action, float nStepReturn, ReadOnlySpan<byte> nextBoard, float discount)
    {
        if (board.Length != Cells || nextBoard.Length != Cells)
            throw new ArgumentException($"boards must have {Cells} cells.");
        var i = Position;
        board.CopyTo(_boards.AsSpan(i * Cells, Cells));
        nextBoard.CopyTo(_nextBoards.AsSpan(i * Cells, Cells));
        _actions[i] = action;
        _returns[i] = nStepReturn;
        _discounts[i] = discount;
        if (_priorities is not null)
            _priorities[i] = MaxPriority;
        Position = (Position + 1) % Capacity;
        Count = Math.Min(Count + 1, Capacity);
    }

    /// <summary>
    /// Draws <paramref name="batch"/> indices: uniformly (with replacement), or, prioritised, one from each of
    /// <paramref name="batch"/> equal slices of the priority mass (stratified). Writes the importance-sampling weights
    /// (all 1 for uniform replay) to <paramref name="weights"/>.
    /// </summary>
    public void Sample(int batch, double beta, ref Xoshiro256 rng, Span<int> indices, Span<float> weights)
    {
        if (Count == 0)
            throw new InvalidOperationException("the replay buffer is empty.");
        if (indices.Length < batch || weights.Length < batch)
            throw new ArgumentException($"need room for {batch} indices and weights.");
        if (_priorities is null)
        {
            for (var b = 0; b < batch; b++)
            {
                indices[b] = rng.NextInt(Count);
                weights[b] = 1f;
            }
            return;
        }
        var total = _priorities.Total;
        var slice = total / batch;
        var largest = 0.0;
        Span<double> raw = batch <= 1024 ? stackalloc double[batch] : new double[batch];
        for (var b = 0; b < batch; b++)
        {
            var index = Math.Min(_priorities.Find((b + rng.NextDouble()) * slice), Count - 1);
            indices[b] = index;
            var probability = _priorities[index] / total;
            raw[b] = Math.Pow(Count * probability, -beta);
            largest = Math.Max(largest, raw[b]);
        }
        for (var b = 0; b < batch; b++)
            weights[b] = (float)(raw[b] / largest);
    }

    /// <summary>Sets the priorities of sampled transitions to (|error| + epsilon)^alpha.</summary>
    public void UpdatePriorities(ReadOnlySpan<int> indices, ReadOnlySpan<float> errors)
    {
        if (_priorities is null)
            return;
        for (var b = 0; b < indices.Length; b++)
        {
            var priority = Math.Pow(Math.Abs((double)errors[b]) + _priorityEpsilon, _alpha);
            _priorities[indices[b]] = priority;
            MaxPriority = Math.Max(MaxPriority, priority);
        }
    }

    /// <summary>The board of transition <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Board(int index) => _boards.AsSpan(index * Cells, Cells);

    /// <summary>The board the transition bootstraps from.</summary>
    public ReadOnlySpan<byte> NextBoard(int index) => _nextBoards.AsSpan(index * Cells, Cells);

    /// <summary>The action taken.</summary>
    public int Action(int index) => _actions[index];

    /// <summary>The discounted sum of the (up to n) visible rewards.</summary>
    public float Return(int index) => _returns[index];

    /// <summary>gamma^k for a k-step bootstrap, 0 where the episode terminated within the n steps.</summary>
    public float Discount(int index) => _discounts[index];

    /// <summary>Writes the whole buffer (transitions, ring position, priorities) for a checkpoint.</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(Capacity);
        writer.Write(Cells);
        writer.Write(Prioritised);
        writer.Write(Count);
        writer.Write(Position);
        writer.Write(MaxPriority);
        writer.Write(_boards, 0, Count * Cells);
        writer.Write(_nextBoards, 0, Count * Cells);
        for (var i = 0; i < Count; i++)
        {
            writer.Write(_actions[i]);
            writer.Write(_returns[i]);
            writer.Write(_discounts[i]);
            if (_priorities is not null)
                writer.Write(_priorities[i]);
        }
    }

    /// <summary>Restores what <see cref="Save"/> wrote into this (empty, same-shaped) buffer; refuses another shape.</summary>
    public void Load(BinaryReader reader)
    {
        var capacity = reader.ReadInt32();
        var cells = reader.ReadInt32();
        var prioritised = reader.ReadBoolean();
        if (capacity != Capacity || cells != Cells || prioritised != Prioritised)
            throw new InvalidDataException($"replay buffer of capacity {capacity}, {cells} cells, prioritised {prioritised}; this run needs {Capacity}, {Cells}, {Prioritised}.");
        var count = reader.ReadInt32();
        var position = reader.ReadInt32();
        if (count < 0 || count > Capacity || position < 0 || position >= Capacity)
            throw new InvalidDataException($"replay buffer count {count} / position {position} out of range.");
        MaxPriority = reader.ReadDouble();
        Count = count;
        Position = position;
        ReadExactly(reader, _boards, count * Cells);
        ReadExactly(reader, _nextBoards, count * Cells);
        for (var i = 0; i < count; i++)
        {
            _actions[i] = reader.ReadInt32();
            _returns[i] = reader.ReadSingle();
            _discounts[i] = reader.ReadSingle();
            if (_priorities is not null)
                _priorities[i] = reader.ReadDouble();
        }
    }

    private static void ReadExactly(BinaryReader reader, byte[] target, int count)
    {
        if (reader.Read(target, 0, count) != count)
            throw new EndOfStreamException("replay buffer truncated.");
    }
}
