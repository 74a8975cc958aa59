using Goodhart.Core.Environments;
using Goodhart.Core.ValueLearning;

namespace Goodhart.Core.Tests.ValueLearning;

public class ImpactMeasureTests
{
    // A hand-built graph with actions (up, down, left, right, noop):
    //   0 <-> 1 -> 2 (2 cannot go back: an irreversible move), 2 <-> 3; noop stays; everything else stays.
    private static StateSpace Chain()
    {
        int[] Stay(int s) => [s, s, s, s, s];
        var next = new[] { Stay(0), Stay(1), Stay(2), Stay(3) };
        next[0][3] = 1;
        next[1][2] = 0;
        next[1][3] = 2;
        next[2][3] = 3;
        next[3][2] = 2;
        var reward = new[] { new double[5], new double[5], new double[5], new double[5] };
        return StateSpace.FromTables(next, reward, [false, false, false, false]);
    }

    [Fact]
    public void Reachability_on_a_hand_built_graph_is_gamma_to_the_shortest_distance()
    {
        var r = new Reachability(Chain(), 0.5);
        Assert.Equal(1, r.Of(0, 0));
        Assert.Equal(0.5, r.Of(0, 1));
        Assert.Equal(0.25, r.Of(0, 2));
        Assert.Equal(0.125, r.Of(0, 3));
        Assert.Equal(0.5, r.Of(1, 0));
        Assert.Equal(0, r.Of(2, 0)); // the irreversible move
        Assert.Equal(0, r.Of(3, 1));
        Assert.Equal(0.5, r.Of(3, 2));
    }

    [Fact]
    public void Unreachability_and_relative_reachability_match_hand_computed_values()
    {
        var r = new Reachability(Chain(), 0.5);
        var ur = new Unreachability(r);
        var rr = new RelativeReachability(r);
        Assert.Equal(0, ur.Deviation(1, 1));
        Assert.Equal(0.5, ur.Deviation(1, 0));
        Assert.Equal(1, ur.Deviation(2, 0));
        // From 2 instead of 1: states 0 and 1 are lost (0.5 and 1), 2 and 3 are closer (no credit): (0.5 + 1) / 4.
        Assert.Equal(0.375, rr.Deviation(2, 1), 12);
        // From 1 instead of 2: nothing becomes unreachable, but 2 and 3 are a step farther (discounting): (0.5 + 0.25) / 4.
        Assert.Equal(0.1875, rr.Deviation(1, 2), 12);
        Assert.Equal(0, new RelativeReachability(new Reachability(Chain(), 1)).Deviation(1, 2), 12);
        // Undiscounted: only the lost states count, 2 of 4.
        Assert.Equal(0.5, new RelativeReachability(new Reachability(Chain(), 1)).Deviation(2, 1), 12);
    }

    [Fact]
    public void Auxiliary_values_solve_the_bellman_equation()
    {
        var space = Chain();
        var reward = new[] { 0.0, 0.2, 0.1, 1.0 };
        var v = AttainableUtility.Solve(space, reward, 0.9);
        // 3 is the best state: V(3) = 1 / (1 - 0.9) = 10; V(2) = 0.1 + 0.9 V(3); V(1) = 0.2 + 0.9 V(2); V(0) = 0.9 V(1).
        Assert.Equal(10, v[3], 6);
        Assert.Equal(0.1 + 0.9 * 10, v[2], 6);
        Assert.Equal(0.2 + 0.9 * v[2], v[1], 6);
        Assert.Equal(0.9 * v[1], v[0], 6);
        var au = new AttainableUtility(space, 3, 0.9, 1);
        Assert.Equal(0, au.Deviation(2, 2));
        Assert.True(au.Deviation(2, 0) >= 0);
    }

    [Fact]
    public void The_planner_takes_the_irreversible_shortcut_only_while_the_penalty_is_small()
    {
        // From 0: a reward of 1 for entering 2 by the irreversible move, nothing else.
        int[] Stay(int s) => [s, s, s, s, s];
        var next = new[] { Stay(0), Stay(1), Stay(2) };
        next[0][3] = 1;
        next[1][2] = 0;
        next[1][3] = 2;
        var reward = new[] { new double[5], new double[5], new double[5] };
        reward[1][3] = 1;
        var space = StateSpace.FromTables(next, reward, [false, false, false]);
        var rr = new RelativeReachability(new Reachability(space, 1));
        var greedy = new ImpactPlanner(space, rr, ImpactBaseline.StepwiseInaction, 0, 5, 0.9);
        Assert.Equal((int)GridAction.Right, greedy.Action(0, 0));
        Assert.Equal(0.9, greedy.Value, 12); // the reward comes on the second move
        // Stepwise RR of the move 1 -> 2 is 2/3 (states 0 and 1 lost); beta 3 makes it cost 2 > 1: the agent stays (NOOP wins ties).
        var careful = new ImpactPlanner(space, rr, ImpactBaseline.StepwiseInaction, 3, 5, 0.9);
        Assert.Equal((int)GridAction.Noop, careful.Action(0, 0));
        Assert.Equal(0, careful.Value, 12);
    }

    [Fact]
    public void The_sokoban_graph_holds_every_state_the_env_reaches_and_its_rewards()
    {
        var env = EnvironmentCatalog.Default().Create("side_effects_sokoban");
        var space = StateSpace.Explore(env);
        Assert.InRange(space.Count, 10, 1000);
        env.Reset(0);
        var s = space.IndexOf(env);
        Assert.Equal(space.Start, s);
        foreach (var a in ActionString.Parse("ldrdd")) // the long way: push the box right, then down to the goal row
        {
            var expected = space.Next(s, a);
            var reward = space.Reward(s, a);
            var t = env.Step(a);
            Assert.Equal(reward, t.Reward);
            s = space.IndexOf(env);
            Assert.Equal(expected, s);
        }
    }
}
