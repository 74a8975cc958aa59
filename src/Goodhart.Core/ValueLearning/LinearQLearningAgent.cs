using Goodhart.Core.Agents;
using Goodhart.Core.Randomness;

namespace Goodhart.Core.ValueLearning;

/// <summary>
/// Q-learning with a linear action-value function over sparse binary board features (<see cref="BoardFeatures"/>):
/// Q(s, a) = sum over the active features i of w[i, a], one weight per feature and action, all 0 at first sight
/// (semi-gradient Q-learning, Sutton and Barto 2018, section 10.1). The step of an update is the learning rate divided
/// by the number of active features (so that it moves Q(s, a) by at most alpha times the TD error, as the table's does).
/// Epsilon-greedy with the same schedule as the tabular learners (<see cref="TabularOptions"/>), random tie-breaking.
/// A board's tabular state rarely repeats where tomatoes dry at random; these features generalise across such boards.
/// </summary>
public sealed class LinearQLearningAgent : IAgent
{
    /// <summary>The most distinct features one learner keeps (a documented limit; past it unseen features weigh 0 and are not learned).</summary>
    public const int MaxFeatures = 1_000_000;

    private readonly BoardFeatures _features;
    private readonly Dictionary<long, int> _index = [];
    private readonly List<long> _keys = [];
    private readonly List<int> _last = [];
    private readonly double[] _q;
    private double[] _weights;
    private int _episode, _totalEpisodes = 1, _lastAction = -1;
    private Xoshiro256 _rng;

    /// <summary>A learner over <paramref name="features"/> with <paramref name="actionCount"/> actions.</summary>
    public LinearQLearningAgent(int actionCount, BoardFeatures features, TabularOptions options, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(actionCount, 1);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ActionCount = actionCount;
        Options = options;
        _features = features;
        _q = new double[actionCount];
        _weights = new double[256 * actionCount];
        _rng = new Xoshiro256(seed);
    }

    /// <inheritdoc />
    public string Name => "linear-q-learning";

    /// <summary>Actions.</summary>
    public int ActionCount { get; }

    /// <summary>Learning rate, discount and epsilon schedule (every weight starts at 0: <see cref="TabularOptions.InitialValue"/> is not used).</summary>
    public TabularOptions Options { get; }

    /// <summary>Distinct features seen so far.</summary>
    public int FeatureCount => _index.Count;

    /// <summary>The epsilon of the schedule at the current episode.</summary>
    public double ScheduledEpsilon => Options.ScheduledEpsilon(_episode, _totalEpisodes);

    /// <inheritdoc />
    public void BeginEpisode(int episode, int totalEpisodes)
    {
        _episode = episode;
        _totalEpisodes = Math.Max(1, totalEpisodes);
        _lastAction = -1;
        _last.Clear();
    }

    /// <inheritdoc />
    public int Act(ReadOnlySpan<byte> board, double explorationOverride, bool explore)
    {
        _features.Active(board, _keys);
        _last.Clear();
        foreach (var key in _keys)
            if (Row(key, add: true) is var row and >= 0)
                _last.Add(row);
        var epsilon = !double.IsNaN(explorationOverride) ? explorationOverride : explore ? ScheduledEpsilon : 0;
        int action;
        if (epsilon > 0 && _rng.NextDouble() < epsilon)
            action = _rng.NextInt(ActionCount);
        else
        {
            Values(_last, _q);
            action = GreedyTieBreak.ArgMax(_q, ref _rng);
        }
        _lastAction = action;
        return action;
    }

    /// <inheritdoc />
    public void Learn(double reward, ReadOnlySpan<byte> nextBoard, double nextExplorationOverride, bool terminated, bool truncated)
    {
        if (_lastAction < 0 || _last.Count == 0)
            return;
        var target = reward;
        if (!terminated)
        {
            _features.Active(nextBoard, _keys);
            Array.Clear(_q);
            foreach (var key in _keys)
                if (_index.TryGetValue(key, out var row))
                    for (var a = 0; a < ActionCount; a++)
                        _q[a] += _weights[row * ActionCount + a];
            target += Options.Discount * _q.Max();
        }
        var q = 0.0;
        foreach (var row in _last)
            q += _weights[row * ActionCount + _lastAction];
        var step = Options.LearningRate * (target - q) / _last.Count;
        foreach (var row in _last)
            _weights[row * ActionCount + _lastAction] += step;
    }

    /// <summary>Q(s, a) for every action of <paramref name="board"/> (features never seen weigh 0).</summary>
    public double[] ActionValues(ReadOnlySpan<byte> board)
    {
        _features.Active(board, _keys);
        var rows = new List<int>(_keys.Count);
        foreach (var key in _keys)
            if (_index.TryGetValue(key, out var row))
                rows.Add(row);
        var q = new double[ActionCount];
        Values(rows, q);
        return q;
    }

    private void Values(List<int> rows, double[] q)
    {
        Array.Clear(q);
        foreach (var row in rows)
            for (var a = 0; a < ActionCount; a++)
                q[a] += _weights[row * ActionCount + a];
    }

    private int Row(long key, bool add)
    {
        if (_index.TryGetValue(key, out var row))
            return row;
        if (!add || _index.Count >= MaxFeatures)
            return -1;
        row = _index.Count;
        _index.Add(key, row);
        if ((row + 1) * ActionCount > _weights.Length)
            Array.Resize(ref _weights, _weights.Length * 2);
        return row;
    }
}
