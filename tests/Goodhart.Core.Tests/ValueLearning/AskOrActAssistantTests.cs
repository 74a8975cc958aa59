using Goodhart.Core.ValueLearning;

namespace Goodhart.Core.Tests.ValueLearning;

public class AskOrActAssistantTests
{
    // Goal 1 three moves to the left, goal 2 three moves to the right.
    private static readonly string[] Corridor = ["#########", "#1  A  2#", "#########"];

    [Fact]
    public void Distances_are_the_shortest_paths_on_the_map()
    {
        var game = new AskOrActAssistant(["#####", "#A  #", "## 1#", "#2  #", "#####"]);
        Assert.Equal(3, game.Distance(0));
        Assert.Equal(4, game.Distance(1));
    }

    [Fact]
    public void Values_match_the_hand_computed_ones()
    {
        var game = new AskOrActAssistant(Corridor);
        var options = new AssistantOptions { PriorGoalOne = 0.5, AskCost = 1, AnswerAccuracy = 1 };
        var v = game.Values(options);
        // act: 0.5 * 10 + 0.5 * -10 - 3 = -3, so staying put (0) is better; ask: -1 + (10 - 3) = 6.
        Assert.Equal(0, v.Act, 12);
        Assert.Equal(6, v.Ask, 12);
        Assert.Equal(6, v.Incentive, 12);

        var sure = game.Values(options with { PriorGoalOne = 0.95 });
        // act: 0.95 * 10 - 0.05 * 10 - 3 = 6; ask: -1 + (10 - 3) = 6: a sure assistant gains nothing by asking.
        Assert.Equal(6, sure.Act, 12);
        Assert.Equal(6, sure.Ask, 12);
        Assert.Equal(0, sure.Incentive, 12);
    }

    [Fact]
    public void An_uninformative_answer_is_never_worth_its_cost()
    {
        var game = new AskOrActAssistant(Corridor);
        foreach (var p in new[] { 0.1, 0.5, 0.8 })
        {
            var v = game.Values(new AssistantOptions { PriorGoalOne = p, AskCost = 0.5, AnswerAccuracy = 0.5 });
            Assert.Equal(-0.5, v.Incentive, 12);
        }
    }

    [Fact]
    public void A_free_question_to_a_truthful_person_is_never_worse_than_acting()
    {
        var game = new AskOrActAssistant(Corridor);
        for (var p = 0.0; p <= 1.0; p += 0.05)
            Assert.True(game.Values(new AssistantOptions { PriorGoalOne = p, AskCost = 0 }).Incentive >= -1e-12);
    }

    [Theory]
    [InlineData(0.5, 1.0, 1.0)]
    [InlineData(0.8, 2.0, 0.8)]
    [InlineData(0.3, 0.0, 0.9)]
    public void Walking_the_map_agrees_with_the_exact_values(double prior, double cost, double accuracy)
    {
        var game = new AskOrActAssistant(Corridor);
        var options = new AssistantOptions { PriorGoalOne = prior, AskCost = cost, AnswerAccuracy = accuracy };
        var exact = game.Values(options);
        foreach (var (policy, value) in new[] { (AssistantPolicy.Act, exact.Act), (AssistantPolicy.Ask, exact.Ask) })
        {
            var sim = game.Simulate(options, policy, 50_000, 11);
            var se = sim.Se ?? 0;
            Assert.InRange(sim.Mean, value - 4 * se - 1e-9, value + 4 * se + 1e-9);
        }
        var optimal = game.Simulate(options, AssistantPolicy.Optimal, 50_000, 11);
        Assert.InRange(optimal.Mean, Math.Max(exact.Act, exact.Ask) - 4 * (optimal.Se ?? 0) - 1e-9, Math.Max(exact.Act, exact.Ask) + 4 * (optimal.Se ?? 0) + 1e-9);
    }

    [Theory]
    [InlineData(new[] { "#####", "#A  #", "#####" }, "exactly one '1'")]
    [InlineData(new[] { "#####", "#A1 #", "####" }, "map[2]")]
    [InlineData(new[] { "#####", "#A1x2", "#####" }, "column 4")]
    [InlineData(new[] { "######", "#A1#2#", "######" }, "goal 2 cannot be reached")]
    public void Bad_maps_are_refused_naming_the_row_and_field(string[] rows, string expected)
    {
        var e = Assert.Throws<UserInputException>(() => new AskOrActAssistant(rows));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
