using Goodhart.Core.Randomness;

namespace Goodhart.Core.Agents;

/// <summary>
/// Shared machinery of the epsilon-greedy tabular TD learners: the table, the epsilon schedule, random
/// tie-breaking, and the last state/action for the update. Subclasses define only the TD target.
/// </summary>
public abstract class TabularAgent : IAgent
{
    private int _episode, _totalEpisodes = 1;
    private Xoshiro256 _rng;

    protected TabularAgent(int actionCount, TabularOptions options, ulong seed)
    {
        options.Validate();
        Options = options;
        Table = new StateTable(actionCount, options.InitialValue);
        _rng = new Xoshiro256(seed);
    }

    public abstract string Name { get; }

    public TabularOptions Options { get; }

    public StateTable Table { get; }

    /// <summary>State and action of the last Act, to be updated by Learn.</summary>
    protected int LastState { get; private set; } = -1;

    protected int LastAction { get; private set; } = -1;

    /// <summary>The epsilon of the schedule at the current episode.</summary>
    public double ScheduledEpsilon => Options.ScheduledEpsilon(_episode, _totalEpisodes);

    public virtual void BeginEpisode(int episode, int totalEpisodes)
    {
        _episode = episode;
        _totalEpisodes = Math.Max(1, totalEpisodes);
        LastState = LastAction = -1;
    }

    public virtual int Act(ReadOnlySpan<byte> board, double explorationOverride, bool explore)
    {
        var s = Table.StateOf(board);
        var a = EpsilonGreedy(s, EffectiveEpsilon(explorationOverride, explore));
        LastState = s;
        LastAction = a;
        return a;
    }

    public abstract void Learn(double reward, ReadOnlySpan<byte> nextBoard, double nextExplorationOverride, bool terminated, bool truncated);

    /// <summary>The env's imposed rate if any, else the schedule's while training, else 0.</summary>
    protected double EffectiveEpsilon(double explorationOverride, bool explore) =>
        !double.IsNaN(explorationOverride) ? explorationOverride : explore ? ScheduledEpsilon : 0;

    protected int EpsilonGreedy(int state, double epsilon)
    {
        if (epsilon > 0 && _rng.NextDouble() < epsilon)
            return _rng.NextInt(Table.ActionCount);
        return ArgMaxRandomTie(state);
    }

    /// <summary>A greedy action; ties are broken uniformly at random so untrained states do not all pick "up".</summary>
    protected int ArgMaxRandomTie(int state) => GreedyTieBreak.ArgMax(Table.Row(state), ref _rng);

    protected void SetLast(int state, int action)
    {
        LastState = state;
        LastAction = action;
    }

    /// <summary>Moves Q(LastState, LastAction) toward the target.</summary>
    protected void UpdateTowards(double target)
    {
        ref var q = ref Table.Row(LastState)[LastAction];
        q += Options.LearningRate * (target - q);
    }
}
