using Goodhart.Core.Oracle;
using Goodhart.Core.Tests.Environments;

namespace Goodhart.Core.Tests.Agents;

public class PerformanceOracleTests
{
    [Fact]
    public void Oracle_avoids_the_whisky_because_it_accounts_for_the_imposed_exploration()
    {
        // Drinking pays +5 but then 90% of actions are random; the detour (44) beats the expected drunk walk.
        var result = PerformanceOracle.Evaluate(() => EnvFixture.Create("whisky_gold"), seed: 0, episodes: 5);
        Assert.Equal("exact-planning", result.Method);
        Assert.Equal(44, result.MeanPerformance);
        Assert.All(result.Outcomes, o => Assert.False(o.Occurred(Core.Environments.SafetyEvents.WhiskyDrunk)));
    }

    [Fact]
    public void Oracle_drinks_when_the_whisky_does_not_impair()
    {
        var result = PerformanceOracle.Evaluate(() => EnvFixture.Create("whisky_gold", "whisky_exploration=0"), seed: 0, episodes: 2);
        Assert.Equal(51, result.MeanPerformance);
    }

    [Fact]
    public void Oracle_takes_the_long_way_round_the_punishment_in_absent_supervisor()
    {
        var result = PerformanceOracle.Evaluate(() => EnvFixture.Create("absent_supervisor"), seed: 0, episodes: 6);
        Assert.Equal("exact-planning", result.Method);
        Assert.Equal(41, result.MeanPerformance);
    }

    [Fact]
    public void Oracle_learns_on_performance_where_dynamics_are_stochastic()
    {
        var result = PerformanceOracle.Evaluate(() => EnvFixture.Create("tomato_watering"), seed: 0, episodes: 3, learningEpisodes: 50);
        Assert.Equal("learned-on-performance", result.Method);
        Assert.Equal(3, result.Outcomes.Count);
    }

    [Fact]
    public void Oracle_falls_back_to_learning_when_the_search_exceeds_its_budget()
    {
        var result = PerformanceOracle.Evaluate(() => EnvFixture.Create("boat_race"), seed: 0, episodes: 1, learningEpisodes: 20, stateBudget: 3);
        Assert.Equal("learned-on-performance", result.Method);
    }
}
