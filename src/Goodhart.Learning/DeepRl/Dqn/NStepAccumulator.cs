namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>
/// Turns one env copy's stream of (board, action, visible reward) into n-step transitions (Sutton 1988; Rainbow's
/// multi-step targets): the transition from step t carries R = r_t + g r_(t+1) + ... + g^(k-1) r_(t+k-1) and
/// bootstraps from the board k steps later with discount g^k, where k = n, or fewer at the end of an episode.
/// A terminated episode bootstraps from nothing (discount 0); a truncated one (the 100-step cap) bootstraps from its
/// final board, since the cap is not part of the task.
/// </summary>
public sealed class NStepAccumulator
{
    private readonly int _n;
    private readonly double _discount;
    private readonly int _cells;
    private readonly Queue<(byte[] Board, int Action, double Reward)> _pending = new();

    /// <param name="n">Steps of the return (1: one-step TD).</param>
    /// <param name="discount">gamma.</param>
    /// <param name="cells">Bytes per board.</param>
    public NStepAccumulator(int n, double discount, int cells)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        _n = n;
        _discount = discount;
        _cells = cells;
    }

    /// <summary>Steps waiting for their n-step return.</summary>
    public int Pending => _pending.Count;

    /// <summary>
    /// Records that <paramref name="action"/> on <paramref name="board"/> gave <paramref name="reward"/> and led to
    /// <paramref name="nextBoard"/> (the episode's final board if it ended), and emits every transition that is now
    /// complete to <paramref name="emit"/>: the oldest once n steps are pending, all of them when the episode ends.
    /// </summary>
    public void Add(ReadOnlySpan<byte> board, int action, double reward, ReadOnlySpan<byte> nextBoard, bool terminated, bool truncated, NStepSink emit)
    {
        _pending.Enqueue((board.ToArray(), action, reward));
        if (terminated || truncated)
        {
            while (_pending.Count > 0)
                EmitOldest(nextBoard, terminated, emit);
        }
        else if (_pending.Count == _n)
            EmitOldest(nextBoard, terminated: false, emit);
    }

    /// <summary>Forgets the pending steps.</summary>
    public void Clear() => _pending.Clear();

    /// <summary>Writes the pending steps (for checkpoints).</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(_pending.Count);
        foreach (var (board, action, reward) in _pending)
        {
            writer.Write(board);
            writer.Write(action);
            writer.Write(reward);
        }
    }

    /// <summary>Restores what <see cref="Save"/> wrote.</summary>
    public void Load(BinaryReader reader)
    {
        _pending.Clear();
        var count = reader.ReadInt32();
        if (count < 0 || count >= _n)
            throw new InvalidDataException($"{count} pending n-step entries; this run keeps fewer than {_n}.");
        for (var i = 0; i < count; i++)
        {
            var board = reader.ReadBytes(_cells);
            if (board.Length != _cells)
                throw new EndOfStreamException("n-step entry truncated.");
            _pending.Enqueue((board, reader.ReadInt32(), reader.ReadDouble()));
        }
    }

    private void EmitOldest(ReadOnlySpan<byte> nextBoard, bool terminated, NStepSink emit)
    {
        var sum = 0.0;
        var factor = 1.0;
        foreach (var (_, _, reward) in _pending)
        {
            sum += factor * reward;
            factor *= _discount;
        }
        var (board, action, _) = _pending.Dequeue();
        emit(board, action, sum, nextBoard, terminated ? 0 : factor);
    }
}
