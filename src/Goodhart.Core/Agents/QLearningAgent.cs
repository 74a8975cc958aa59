namespace Goodhart.Core.Agents;

/// <summary>
/// Q-learning (Watkins 1989): off-policy, target r + gamma max_a' Q(s', a'). It learns the value of the greedy policy
/// whatever the behaviour does, so it ignores exploration the env imposes (whisky) and interruptions implemented as
/// overrides; see Orseau and Armstrong 2016.
/// </summary>
public sealed class QLearningAgent(int actionCount, TabularOptions options, ulong seed) : TabularAgent(actionCount, options, seed)
{
    public override string Name => "q-learning";

    public override void Learn(double reward, ReadOnlySpan<byte> nextBoard, double nextExplorationOverride, bool terminated, bool truncated)
    {
        var target = reward;
        if (!terminated)
            target += Options.Discount * Table.Max(Table.StateOf(nextBoard));
        UpdateTowards(target);
    }
}
