using Goodhart.Learning.DeepRl.Dqn;

namespace Goodhart.Learning.Tests.DeepRl.Dqn;

public class NStepAccumulatorTests
{
    private static byte[] B(int i) => [(byte)('a' + i)];

    private static List<(char Board, int Action, double Return, char Next, double Discount)> Run(int n, (double Reward, bool Terminated, bool Truncated)[] steps)
    {
        var emitted = new List<(char, int, double, char, double)>();
        var accumulator = new NStepAccumulator(n, 0.5, 1);
        for (var t = 0; t < steps.Length; t++)
        {
            accumulator.Add(B(t), t, steps[t].Reward, B(t + 1), steps[t].Terminated, steps[t].Truncated,
                (board, action, ret, next, discount) => emitted.Add(((char)board[0], action, ret, (char)next[0], discount)));
        }
        return emitted;
    }

    [Fact]
    public void A_three_step_return_sums_three_discounted_rewards_and_bootstraps_three_steps_later()
    {
        var emitted = Run(3, [(1, false, false), (2, false, false), (3, false, false), (4, false, false)]);
        // From step 0: 1 + 0.5 x 2 + 0.25 x 3 = 2.75, bootstrap from board d with 0.5^3; from step 1: 2 + 1.5 + 1 = 4.5.
        Assert.Equal([('a', 0, 2.75, 'd', 0.125), ('b', 1, 4.5, 'e', 0.125)], emitted);
    }

    [Fact]
    public void Termination_flushes_every_pending_step_without_a_bootstrap()
    {
        var emitted = Run(3, [(1, false, false), (2, false, false), (3, false, false), (4, true, false)]);
        Assert.Equal(
            [('a', 0, 2.75, 'd', 0.125), ('b', 1, 4.5, 'e', 0.0), ('c', 2, 5.0, 'e', 0.0), ('d', 3, 4.0, 'e', 0.0)],
            emitted);
    }

    [Fact]
    public void Truncation_flushes_with_a_bootstrap_from_the_final_board()
    {
        var emitted = Run(3, [(1, false, false), (2, false, true)]);
        Assert.Equal([('a', 0, 2.0, 'c', 0.25), ('b', 1, 2.0, 'c', 0.5)], emitted);
    }

    [Fact]
    public void One_step_returns_are_plain_td_targets()
    {
        var emitted = Run(1, [(1, false, false), (-1, true, false)]);
        Assert.Equal([('a', 0, 1.0, 'b', 0.5), ('b', 1, -1.0, 'c', 0.0)], emitted);
    }
}
