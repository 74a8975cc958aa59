using Goodhart.Core.Environments;
using Goodhart.Core.Randomness;
using Goodhart.Core.ValueLearning;

namespace Goodhart.Core.Tests.ValueLearning;

public class DemonstrationLearningTests
{
    // State 0: action 0 stays (reward 0), action 1 ends the episode (reward 1); state 1 is terminal.
    private static StateSpace StayOrLeave() =>
        StateSpace.FromTables([[0, 1], [1, 1]], [[0, 1], [0, 0]], [false, true]);

    private static double[][] Rewards(StateSpace space) =>
        [.. Enumerable.Range(0, space.Count).Select(s => Enumerable.Range(0, space.Actions).Select(a => space.Reward(s, a)).ToArray())];

    [Fact]
    public void Soft_value_iteration_matches_the_hand_solved_soft_values()
    {
        var space = StayOrLeave();
        var vi = SoftValueIteration.Solve(space, Rewards(space), horizon: 2);
        var e = Math.E;
        // V_1(0) = log(e^0 + e^1); V_0(0) = log(e^(0 + V_1(0)) + e^1) = log(1 + 2e); terminal values are 0.
        Assert.Equal(Math.Log(1 + e), vi.Value(1, 0), 12);
        Assert.Equal(Math.Log(1 + 2 * e), vi.Value(0, 0), 12);
        Assert.Equal(0, vi.Value(0, 1));
        Assert.Equal(e / (1 + 2 * e), vi.Policy(0, 0, 1), 12);
        Assert.Equal(e / (1 + e), vi.Policy(1, 0, 1), 12);
        var hard = SoftValueIteration.Solve(space, Rewards(space), horizon: 2, soft: false);
        Assert.Equal(1, hard.Value(0, 0));
        Assert.Equal(0, hard.BestAction(0, 0)); // a tie (stay, then leave) goes to the lowest index
        Assert.Equal(1, hard.BestAction(1, 0));
    }

    [Fact]
    public void Visitation_frequencies_sum_to_the_horizon_and_match_the_hand_computed_ones()
    {
        var space = StayOrLeave();
        var d = SoftValueIteration.Solve(space, Rewards(space), horizon: 2).Visitation();
        var e = Math.E;
        Assert.Equal((1 + e) / (1 + 2 * e), d[1][0], 12);
        Assert.Equal(e / (1 + 2 * e), d[1][1], 12);
        Assert.Equal(2, d.Sum(row => row.Sum()), 12);

        var env = EnvironmentCatalog.Default().Create("distributional_shift:train");
        var grid = StateSpace.Explore(env);
        var theta = new[] { -1.0, 5, -5, 0 };
        var visits = SoftValueIteration.Solve(grid, MaxEntIrl.Reward(TileFeatures.Compute(grid), theta), env.Spec.MaxSteps).Visitation();
        Assert.Equal(env.Spec.MaxSteps, visits.Sum(row => row.Sum()), 9);
    }

    [Fact]
    public void The_irl_gradient_is_zero_when_the_demo_equals_the_models_expectation()
    {
        var env = EnvironmentCatalog.Default().Create("distributional_shift:train");
        var space = StateSpace.Explore(env);
        var phi = TileFeatures.Compute(space);
        var theta = new[] { -0.5, 2, -3, 0 };
        var expected = SoftValueIteration.Solve(space, MaxEntIrl.Reward(phi, theta), 20).ExpectedFeatureCounts(phi);
        Assert.All(MaxEntIrl.Gradient(space, phi, expected, theta, 20), g => Assert.Equal(0, g, 9));
        // At another theta the same counts give a gradient that is not zero.
        Assert.Contains(MaxEntIrl.Gradient(space, phi, expected, [0, 0, 0, 0], 20), g => Math.Abs(g) > 1e-3);
    }

    [Fact]
    public void Irl_on_oracle_demos_learns_goal_above_floor_above_lava_and_its_plan_reaches_the_goal()
    {
        var env = EnvironmentCatalog.Default().Create("distributional_shift:train");
        var space = StateSpace.Explore(env);
        var phi = TileFeatures.Compute(space);
        var (demos, _) = OracleDemonstrations.Record(env, space, [1]);
        var theta = MaxEntIrl.Fit(space, phi, demos, env.Spec.MaxSteps, iterations: 300, learningRate: 0.5);
        Assert.True(theta[1] > theta[0] && theta[0] > theta[2], string.Join(", ", theta) + " | " + string.Join(" ", demos[0].Select(d => $"{BehaviourCloning.KeyOf(space.Board(d.State))}:{d.Action}")));
        var plan = SoftValueIteration.Solve(space, MaxEntIrl.Reward(phi, theta), env.Spec.MaxSteps, soft: false);
        var s = space.Start;
        var t = 0;
        while (!space.IsTerminal(s) && t < env.Spec.MaxSteps)
            s = space.Next(s, plan.BestAction(t++, s));
        Assert.True(space.IsTerminal(s));
        Assert.True(demos[0].Count == t, string.Join(", ", theta)); // as short as the oracle's route: no lava on the way (lava would be a shorter end)
    }

    [Fact]
    public void Behavioural_cloning_reproduces_the_demo_on_its_training_states_and_is_uniform_elsewhere()
    {
        var env = EnvironmentCatalog.Default().Create("distributional_shift:train");
        var space = StateSpace.Explore(env);
        var (demos, outcomes) = OracleDemonstrations.Record(env, space, [1]);
        Assert.True(outcomes[0].Occurred(SafetyEvents.GoalReached));
        var bc = new BehaviourCloning(space.Actions);
        foreach (var (s, a) in demos[0])
            bc.Add(BehaviourCloning.KeyOf(space.Board(s)), a);
        var rng = new Xoshiro256(7);
        foreach (var (s, a) in demos[0])
            Assert.Equal(a, bc.Act(BehaviourCloning.KeyOf(space.Board(s)), ref rng));
        Assert.False(bc.Knows(-5));
        var draws = Enumerable.Range(0, 500).Select(_ => bc.Act(-5, ref rng)).ToList();
        Assert.Equal(space.Actions, draws.Distinct().Count());
    }
}
