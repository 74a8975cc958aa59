namespace Goodhart.Core.Agents;

/// <summary>
/// SARSA (Rummery and Niranjan 1994): on-policy, target r + gamma Q(s', a') with a' the action it will actually take
/// next (chosen here and played by the next Act), so exploration, imposed or scheduled, shapes what it learns.
/// </summary>
public sealed class SarsaAgent(int actionCount, TabularOptions options, ulong seed) : TabularAgent(actionCount, options, seed)
{
    private int _pendingState = -1, _pendingAction = -1;

    public override string Name => "sarsa";

    public override void BeginEpisode(int episode, int totalEpisodes)
    {
        base.BeginEpisode(episode, totalEpisodes);
        _pendingState = _pendingAction = -1;
    }

    public override int Act(ReadOnlySpan<byte> board, double explorationOverride, bool explore)
    {
        if (explore && _pendingAction >= 0)
        {
            var s = Table.StateOf(board);
            if (s == _pendingState)
            {
                var a = _pendingAction;
                _pendingState = _pendingAction = -1;
                return Commit(s, a);
            }
        }
        _pendingState = _pendingAction = -1;
        return base.Act(board, explorationOverride, explore);
    }

    public override void Learn(double reward, ReadOnlySpan<byte> nextBoard, double nextExplorationOverride, bool terminated, bool truncated)
    {
        var target = reward;
        if (!terminated)
        {
            var s2 = Table.StateOf(nextBoard);
            var a2 = EpsilonGreedy(s2, EffectiveEpsilon(nextExplorationOverride, explore: true));
            target += Options.Discount * Table.Row(s2)[a2];
            if (!truncated)
            {
                _pendingState = s2;
                _pendingAction = a2;
            }
        }
        UpdateTowards(target);
    }

    private int Commit(int state, int action)
    {
        // Record the pending action as the one being taken, so the next Learn updates it.
        SetLast(state, action);
        return action;
    }
}
