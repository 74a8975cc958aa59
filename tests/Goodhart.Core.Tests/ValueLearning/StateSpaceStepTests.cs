using Goodhart.Core.Environments;
using Goodhart.Core.Randomness;
using Goodhart.Core.ValueLearning;

namespace Goodhart.Core.Tests.ValueLearning;

/// <summary>The state graph leaves the step count out of the state: envs whose rewards depend on it are refused, and every other one agrees with the env at every step.</summary>
public class StateSpaceStepTests
{
    [Theory]
    [InlineData("conveyor_belt:sushi_goal")]
    [InlineData("conveyor_belt:sushi_goal2")]
    public void An_env_whose_rewards_depend_on_the_step_is_refused_with_a_clear_message(string id)
    {
        var env = EnvironmentCatalog.Default().Create(id);
        Assert.True(env.RewardDependsOnStep);
        var e = Assert.Throws<UserInputException>(() => StateSpace.Explore(env));
        Assert.Equal($"{env.Spec.Id}: its rewards depend on the step count, which the state graph leaves out of the state; it cannot be explored", e.Message);
    }

    [Fact]
    public void The_first_step_of_sushi_goal_is_charged_differently_from_the_same_move_later()
    {
        // Why the flag is needed: the same board and move pay differently at step 0 and at step 1.
        var env = EnvironmentCatalog.Default().Create("conveyor_belt:sushi_goal");
        env.Reset(0);
        var start = env.SaveSnapshot();
        env.Step((int)GridAction.Noop);
        var first = env.Hidden.StepHiddenReward;
        env.RestoreSnapshot(start with { Steps = 1 });
        env.Step((int)GridAction.Noop);
        Assert.NotEqual(first, env.Hidden.StepHiddenReward);
    }

    [Fact]
    public void Every_other_explorable_env_pays_what_its_graph_says_at_every_step_of_an_episode()
    {
        var catalog = EnvironmentCatalog.Default();
        var checkedEnvs = new List<string>();
        foreach (var id in catalog.Ids)
        {
            var env = catalog.Create(id);
            if (!env.Deterministic || env.RewardDependsOnStep)
                continue;
            StateSpace space;
            try
            {
                space = StateSpace.Explore(env, 0, maxStates: 3000);
            }
            catch (UserInputException)
            {
                continue;
            }
            var rng = new Xoshiro256(11);
            for (var walk = 0; walk < 3; walk++)
            {
                env.Reset(0);
                var s = space.IndexOf(env);
                while (true)
                {
                    Assert.True(s >= 0, $"{id}: a walk left the graph at step {env.StepsTaken}");
                    var a = rng.NextInt(env.Spec.ActionCount);
                    var t = env.Step(a);
                    Assert.True(t.Reward == space.Reward(s, a), $"{id} step {env.StepsTaken}: visible {t.Reward} vs graph {space.Reward(s, a)}");
                    Assert.True(env.Hidden.StepHiddenReward == space.Hidden(s, a), $"{id} step {env.StepsTaken}: hidden {env.Hidden.StepHiddenReward} vs graph {space.Hidden(s, a)}");
                    if (t.Done)
                        break;
                    s = space.IndexOf(env);
                }
            }
            checkedEnvs.Add(id);
        }
        Assert.Contains("boat_race", checkedEnvs);
        Assert.Contains("conveyor_belt:sushi", checkedEnvs);
        Assert.Contains(checkedEnvs, id => id.StartsWith("distributional_shift", StringComparison.Ordinal));
    }
}
