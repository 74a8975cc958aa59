namespace Goodhart.Core.Agents;

/// <summary>
/// Expected SARSA (van Seijen et al. 2009): target r + gamma sum_a' pi(a'|s') Q(s', a') under its own epsilon-greedy
/// policy (with the env's imposed exploration where there is one): on-policy like SARSA, with less variance.
/// </summary>
public sealed class ExpectedSarsaAgent(int actionCount, TabularOptions options, ulong seed) : TabularAgent(actionCount, options, seed)
{
    public override string Name => "expected-sarsa";

    public override void Learn(double reward, ReadOnlySpan<byte> nextBoard, double nextExplorationOverride, bool terminated, bool truncated)
    {
        var target = reward;
        if (!terminated)
        {
            var s2 = Table.StateOf(nextBoard);
            var row = Table.Row(s2);
            var epsilon = EffectiveEpsilon(nextExplorationOverride, explore: true);
            var max = double.NegativeInfinity;
            var sum = 0.0;
            foreach (var q in row)
            {
                sum += q;
                max = Math.Max(max, q);
            }
            // Greedy mass (1 - epsilon) goes to the maximum (ties share it, same value); exploration mass is uniform.
            var expected = epsilon * sum / row.Length + (1 - epsilon) * max;
            target += Options.Discount * expected;
        }
        UpdateTowards(target);
    }
}
