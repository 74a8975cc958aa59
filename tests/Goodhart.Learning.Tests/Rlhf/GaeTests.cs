using Goodhart.Learning.Rlhf;

namespace Goodhart.Learning.Tests.Rlhf;

public class GaeTests
{
    [Fact]
    public void Advantages_and_returns_match_a_hand_computed_example_at_trl_defaults()
    {
        // gamma 1, lambda 0.95; rewards (0, 0, 1), values (0.5, 0.4, 0.6):
        // delta_2 = 1 - 0.6 = 0.4;       A_2 = 0.4
        // delta_1 = 0 + 0.6 - 0.4 = 0.2; A_1 = 0.2 + 0.95 * 0.4 = 0.58
        // delta_0 = 0 + 0.4 - 0.5 = -0.1; A_0 = -0.1 + 0.95 * 0.58 = 0.451
        var (advantages, returns) = Gae.Compute([0, 0, 1], [0.5, 0.4, 0.6], gamma: 1, lambda: 0.95);

        Assert.Equal(0.451, advantages[0], 1e-12);
        Assert.Equal(0.58, advantages[1], 1e-12);
        Assert.Equal(0.4, advantages[2], 1e-12);
        Assert.Equal(0.951, returns[0], 1e-12);
        Assert.Equal(0.98, returns[1], 1e-12);
        Assert.Equal(1.0, returns[2], 1e-12);
    }

    [Fact]
    public void Discount_and_lambda_enter_as_in_the_recursion()
    {
        // gamma 0.9, lambda 0.5: delta_2 = 0.4, A_2 = 0.4; delta_1 = 0.9 * 0.6 - 0.4 = 0.14, A_1 = 0.14 + 0.45 * 0.4 = 0.32;
        // delta_0 = 0.9 * 0.4 - 0.5 = -0.14, A_0 = -0.14 + 0.45 * 0.32 = 0.004.
        var (advantages, _) = Gae.Compute([0, 0, 1], [0.5, 0.4, 0.6], gamma: 0.9, lambda: 0.5);

        Assert.Equal(new[] { 0.004, 0.32, 0.4 }.Select(v => Math.Round(v, 12)), advantages.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Lambda_one_gives_monte_carlo_returns_and_lambda_zero_gives_one_step_td_errors()
    {
        double[] rewards = [-0.1, 0.2, -0.05, 1.5];
        double[] values = [0.3, -0.2, 0.7, 0.1];

        var (monteCarlo, returns) = Gae.Compute(rewards, values, gamma: 1, lambda: 1);
        var (temporalDifference, _) = Gae.Compute(rewards, values, gamma: 1, lambda: 0);

        for (var t = 0; t < rewards.Length; t++)
        {
            var rewardToGo = rewards.Skip(t).Sum();
            Assert.Equal(rewardToGo, returns[t], 1e-12);
            Assert.Equal(rewardToGo - values[t], monteCarlo[t], 1e-12);
            var next = t + 1 < values.Length ? values[t + 1] : 0;
            Assert.Equal(rewards[t] + next - values[t], temporalDifference[t], 1e-12);
        }
    }
}
