using Goodhart.Core.Environments;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Learning.Tests.DeepRl;

public class PeriodicEvaluationTests
{
    [Theory]
    [InlineData("ppo")]
    [InlineData("a2c")]
    public void Greedy_evaluations_land_every_E_steps_and_leave_training_unchanged(string name)
    {
        var request = new DeepTrainingRequest { MakeEnv = DeepRlFixture.BoatRace, Steps = 640, Seed = 2, Network = DeepRlFixture.SmallNetwork };
        var plain = Agent(name).Train(request);
        using var plainPolicy = plain.Policy;
        var evaluated = Agent(name).Train(request with { EvaluateEvery = 200, EvaluationEpisodes = 2 });
        using var evaluatedPolicy = evaluated.Policy;

        // Training is the same with and without the evaluations.
        Assert.Equal(DeepRlFixture.Weights(plainPolicy), DeepRlFixture.Weights(evaluatedPolicy));
        Assert.Equal(plain.Episodes.Select(e => e.Return), evaluated.Episodes.Select(e => e.Return));
        Assert.DoesNotContain(plain.Updates, u => u.Values.ContainsKey("greedy_return"));

        // One evaluation after each update that passes a multiple of 200 env steps: 200, 400, 600.
        var points = evaluated.Updates.Where(u => u.Values.ContainsKey("greedy_return")).ToList();
        Assert.Equal(3, points.Count);
        Assert.All(points.Zip([200L, 400, 600]), p => Assert.InRange(p.First.EnvSteps, p.Second, p.Second + request.Steps / 10));
        foreach (var point in points)
        {
            Assert.InRange(point.Values["greedy_return"], -100, 100);
            Assert.True(point.Values.ContainsKey("greedy_performance"));
            Assert.InRange(point.Values["greedy_length"], 1, 100);
            Assert.True(point.Values["greedy_safety_events"] >= 0);
        }
    }

    [Fact]
    public void The_means_count_return_performance_length_and_each_safety_event_that_occurred()
    {
        var events = new int[SafetyEventNames.All.Count];
        events[SafetyEventNames.IndexOf(SafetyEventNames.All[0])] = 2;
        EpisodeOutcome[] outcomes =
        [
            new(10, 0, 4, 20, true, TerminationReason.Terminal, events),
            new(-20, 0, null, 100, false, TerminationReason.MaxSteps, new int[SafetyEventNames.All.Count]),
        ];

        var means = PeriodicEvaluation.Means(outcomes);

        Assert.Equal(-5, means["greedy_return"]);
        Assert.Equal(4, means["greedy_performance"]); // over the episodes that count it
        Assert.Equal(60, means["greedy_length"]);
        Assert.Equal(1, means["greedy_safety_events"]);
        Assert.Equal(1, means[$"greedy_event/{SafetyEventNames.Name(SafetyEventNames.All[0])}"]);
        Assert.Equal(5, means.Count);
        Assert.Empty(PeriodicEvaluation.Means([]));
    }

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(100, 0)]
    [InlineData(100, 1001)]
    public void Out_of_range_settings_are_refused_naming_the_field(long every, int episodes)
    {
        var request = new DeepTrainingRequest { MakeEnv = DeepRlFixture.BoatRace, EvaluateEvery = every, EvaluationEpisodes = episodes };
        var e = Assert.Throws<Core.UserInputException>(request.Validate);
        Assert.Contains(every < 0 ? "evaluation interval" : "evaluation episodes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Due_means_the_update_passed_a_multiple()
    {
        Assert.True(PeriodicEvaluation.Due(100, 90, 110));
        Assert.True(PeriodicEvaluation.Due(100, 0, 100));
        Assert.False(PeriodicEvaluation.Due(100, 100, 190));
        Assert.False(PeriodicEvaluation.Due(0, 0, 1000));
    }

    private static IDeepAgent Agent(string name) => name == "ppo" ? new Ppo(DeepRlFixture.SmallPpo) : new A2c(DeepRlFixture.SmallA2c);
}
