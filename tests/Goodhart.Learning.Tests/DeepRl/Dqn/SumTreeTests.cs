using Goodhart.Core.Randomness;
using Goodhart.Learning.DeepRl.Dqn;

namespace Goodhart.Learning.Tests.DeepRl.Dqn;

public class SumTreeTests
{
    [Fact]
    public void The_total_is_the_sum_of_the_priorities_after_every_update()
    {
        var tree = new SumTree(5);
        tree[0] = 1;
        tree[3] = 2.5;
        tree[4] = 0.5;
        Assert.Equal(4.0, tree.Total);
        tree[3] = 0.25;
        Assert.Equal(1.75, tree.Total);
        Assert.Equal([1.0, 0, 0, 0.25, 0.5], tree.Leaves());
    }

    [Fact]
    public void Find_returns_the_leaf_whose_interval_holds_the_prefix_sum()
    {
        var tree = new SumTree(4);
        tree[0] = 1;
        tree[1] = 0;
        tree[2] = 2;
        tree[3] = 1;
        // Intervals: leaf 0 [0, 1), leaf 2 [1, 3), leaf 3 [3, 4); leaf 1 has none.
        Assert.Equal(0, tree.Find(0));
        Assert.Equal(0, tree.Find(0.999));
        Assert.Equal(2, tree.Find(1));
        Assert.Equal(2, tree.Find(2.999));
        Assert.Equal(3, tree.Find(3));
        Assert.Equal(3, tree.Find(4.0000001));
    }

    [Fact]
    public void A_tree_rebuilt_from_its_leaves_is_bit_identical()
    {
        var rng = new Xoshiro256(7);
        var tree = new SumTree(37);
        for (var i = 0; i < 500; i++)
            tree[rng.NextInt(37)] = rng.NextDouble() * 3;
        var copy = new SumTree(37);
        var leaves = tree.Leaves();
        for (var i = 0; i < leaves.Length; i++)
            copy[i] = leaves[i];
        Assert.Equal(BitConverter.DoubleToInt64Bits(tree.Total), BitConverter.DoubleToInt64Bits(copy.Total));
    }

    [Fact]
    public void Prioritised_sampling_draws_transitions_in_proportion_to_priority_to_the_alpha()
    {
        // Four transitions with |TD errors| 1, 4, 9, 0; alpha 0.5 gives priorities 1, 2, 3, ~0: shares 1/6, 2/6, 3/6, ~0.
        var buffer = new ReplayBuffer(4, 1, prioritised: true, alpha: 0.5, priorityEpsilon: 1e-12);
        for (var i = 0; i < 4; i++)
            buffer.Add([(byte)'A'], i, 0, [(byte)'A'], 0);
        buffer.UpdatePriorities([0, 1, 2, 3], [1f, 4f, 9f, 0f]);
        var rng = new Xoshiro256(1);
        var counts = new int[4];
        var indices = new int[32];
        var weights = new float[32];
        for (var draw = 0; draw < 2000; draw++)
        {
            buffer.Sample(32, 0.4, ref rng, indices, weights);
            foreach (var i in indices)
                counts[i]++;
        }
        var total = counts.Sum();
        Assert.Equal(1 / 6.0, counts[0] / (double)total, 2);
        Assert.Equal(2 / 6.0, counts[1] / (double)total, 2);
        Assert.Equal(3 / 6.0, counts[2] / (double)total, 2);
        Assert.Equal(0, counts[3]);
    }

    [Fact]
    public void Importance_weights_are_n_p_to_the_minus_beta_over_the_batch_maximum()
    {
        var buffer = new ReplayBuffer(2, 1, prioritised: true, alpha: 1, priorityEpsilon: 1e-12);
        buffer.Add([(byte)'A'], 0, 0, [(byte)'A'], 0);
        buffer.Add([(byte)'A'], 1, 0, [(byte)'A'], 0);
        buffer.UpdatePriorities([0, 1], [1f, 3f]);
        var rng = new Xoshiro256(3);
        var indices = new int[2];
        var weights = new float[2];
        // Two strata of the mass 4: [0, 2) holds leaf 0 (P = 1/4) and part of leaf 1, [2, 4) only leaf 1 (P = 3/4).
        for (var draw = 0; draw < 50; draw++)
        {
            buffer.Sample(2, 1.0, ref rng, indices, weights);
            if (indices[0] == 0)
            {
                // (2 x 1/4)^-1 = 2 and (2 x 3/4)^-1 = 2/3: normalised by 2 -> 1 and 1/3.
                Assert.Equal(1f, weights[0], 5);
                Assert.Equal(1 / 3f, weights[1], 5);
                return;
            }
        }
        Assert.Fail("leaf 0 was never drawn");
    }

    [Fact]
    public void New_transitions_get_the_largest_priority_so_far()
    {
        var buffer = new ReplayBuffer(3, 1, prioritised: true, alpha: 1, priorityEpsilon: 0.5);
        buffer.Add([(byte)'A'], 0, 0, [(byte)'A'], 0);
        buffer.UpdatePriorities([0], [4.5f]);
        buffer.Add([(byte)'A'], 1, 0, [(byte)'A'], 0);
        Assert.Equal(5.0, buffer.Priorities![1]);
    }
}
