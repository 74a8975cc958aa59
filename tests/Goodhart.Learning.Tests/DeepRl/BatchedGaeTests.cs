using Goodhart.Learning.Rlhf;

namespace Goodhart.Learning.Tests.DeepRl;

public class BatchedGaeTests
{
    [Fact]
    public void Two_envs_match_a_hand_computed_rollout_with_an_episode_end_and_a_bootstrap()
    {
        // gamma 0.9, lambda 0.8 (gamma lambda 0.72), time-major [3 steps, 2 envs].
        // env 0: rewards (1, 0, 2), values (0.5, 0.2, 0.1), its episode ends after step 1, value after the rollout 0.4:
        //   t=2: delta = 2 + 0.9 * 0.4 - 0.1 = 2.26, A = 2.26
        //   t=1: the episode ends, so no bootstrap: delta = 0 - 0.2 = -0.2, A = -0.2
        //   t=0: delta = 1 + 0.9 * 0.2 - 0.5 = 0.68, A = 0.68 + 0.72 * -0.2 = 0.536
        // env 1: rewards (0, 1, 0), values 0, ends after step 2 (so its next value 5 is ignored):
        //   t=2: A = 0; t=1: A = 1; t=0: A = 0 + 0.72 * 1 = 0.72
        double[] rewards = [1, 0, 0, 1, 2, 0];
        double[] values = [0.5, 0, 0.2, 0, 0.1, 0];
        bool[] ends = [false, false, true, false, false, true];
        var advantages = new double[6];
        var returns = new double[6];

        Gae.Compute(rewards, values, ends, [0.4, 5], 2, 0.9, 0.8, advantages, returns);

        double[] expected = [0.536, 0.72, -0.2, 1, 2.26, 0];
        for (var k = 0; k < 6; k++)
        {
            Assert.Equal(expected[k], advantages[k], 1e-12);
            Assert.Equal(expected[k] + values[k], returns[k], 1e-12);
        }
    }

    [Fact]
    public void One_env_ending_after_its_last_step_is_the_single_trajectory_form()
    {
        double[] rewards = [-0.1, 0.2, -0.05, 1.5];
        double[] values = [0.3, -0.2, 0.7, 0.1];
        var (single, singleReturns) = Gae.Compute(rewards, values, gamma: 0.97, lambda: 0.9);
        var advantages = new double[4];
        var returns = new double[4];

        Gae.Compute(rewards, values, [false, false, false, true], [123.0], 1, 0.97, 0.9, advantages, returns);

        Assert.Equal(single, advantages);
        Assert.Equal(singleReturns, returns);
    }

    [Fact]
    public void Mismatched_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Gae.Compute(new double[6], new double[6], new bool[6], new double[3], 2, 0.9, 0.9, new double[6], new double[6]));
        Assert.Throws<ArgumentException>(() => Gae.Compute(new double[5], new double[5], new bool[5], new double[2], 2, 0.9, 0.9, new double[5], new double[5]));
    }
}
