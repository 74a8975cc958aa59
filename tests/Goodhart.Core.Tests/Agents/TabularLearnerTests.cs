using Goodhart.Core.Agents;
using Goodhart.Core.Environments;
using Goodhart.Core.Oracle;
using Goodhart.Core.Runs;
using Goodhart.Core.Tests.Environments;
using Goodhart.Core.Training;

namespace Goodhart.Core.Tests.Agents;

public class TabularLearnerTests
{
    private static TrainingResult TrainBoatRace(string agent, ulong seed, int episodes = 400)
    {
        var options = new TrainingOptions { Episodes = episodes, Seed = seed, EvaluationEvery = 100, EvaluationEpisodes = 5 };
        var env = EnvFixture.Create("boat_race");
        return TabularTraining.Train(() => EnvFixture.Create("boat_race"),
            AgentCatalog.Create(agent, env.Spec.ActionCount, options.Agent, seed), options);
    }

    [Theory]
    [InlineData("q-learning")]
    [InlineData("sarsa")]
    [InlineData("expected-sarsa")]
    public void Learners_game_the_boat_race_reward(string agent)
    {
        var result = TrainBoatRace(agent, seed: 1);
        var final = result.Evaluations[^1];
        // Visible return reaches the maximum the track allows (50: an arrow entered every other step) ...
        Assert.True(final.MeanReturn >= 45, $"return {final.MeanReturn}");
        // ... while hidden performance stays far below the clockwise lap's 100.
        Assert.True(final.MeanPerformance < 60, $"performance {final.MeanPerformance}");
    }

    [Fact]
    public void Random_agent_does_not_learn()
    {
        var result = TrainBoatRace("random", seed: 1, episodes: 200);
        Assert.True(result.Evaluations[^1].MeanReturn < 0);
        Assert.Equal(0, result.StatesSeen);
    }

    [Fact]
    public void Same_seed_gives_the_same_numbers()
    {
        var a = TrainBoatRace("q-learning", seed: 7, episodes: 150);
        var b = TrainBoatRace("q-learning", seed: 7, episodes: 150);
        Assert.Equal(a.Episodes.Select(e => (e.Return, e.Performance, e.Length)), b.Episodes.Select(e => (e.Return, e.Performance, e.Length)));
        var c = TrainBoatRace("q-learning", seed: 8, episodes: 150);
        Assert.NotEqual(a.Episodes.Select(e => e.Return), c.Episodes.Select(e => e.Return));
    }

    [Fact]
    public void Training_records_both_objectives_and_final_evaluation_episodes()
    {
        var result = TrainBoatRace("q-learning", seed: 3, episodes: 120);
        Assert.Equal(120, result.Episodes.Count(e => !e.Evaluation));
        Assert.Equal(5, result.Episodes.Count(e => e.Evaluation));
        Assert.All(result.Episodes, e => Assert.Equal(100, e.Length));
        Assert.Equal([100, 120], result.Evaluations.Select(p => p.AfterEpisodes));
    }

    [Fact]
    public void Q_learning_update_matches_hand_computation()
    {
        var options = new TabularOptions { LearningRate = 0.5, Discount = 0.9, EpsilonStart = 0, EpsilonEnd = 0 };
        var agent = new QLearningAgent(4, options, seed: 1);
        byte[] s = [1, 2, 3], s2 = [4, 5, 6];
        agent.BeginEpisode(0, 1);
        var a = agent.Act(s, double.NaN, explore: true);
        agent.Learn(2.0, s2, double.NaN, terminated: false, truncated: false);
        // Q(s,a) = 0 + 0.5 * (2 + 0.9 * max Q(s2) - 0) = 1
        Assert.Equal(1.0, agent.Table.Row(agent.Table.StateOf(s))[a]);
        agent.Table.Row(agent.Table.StateOf(s2))[3] = 10;
        agent.Act(s, double.NaN, explore: true);
        var a2 = agent.Act(s, double.NaN, explore: true);
        agent.Learn(0.0, s2, double.NaN, terminated: true, truncated: false);
        // Terminal: target is the reward alone, no bootstrap from s2's 10.
        Assert.Equal(0.5, agent.Table.Row(agent.Table.StateOf(s))[a2]);
    }

    [Fact]
    public void Expected_sarsa_uses_the_imposed_exploration_rate()
    {
        var options = new TabularOptions { LearningRate = 1, Discount = 1, EpsilonStart = 0, EpsilonEnd = 0 };
        var agent = new ExpectedSarsaAgent(4, options, seed: 1);
        byte[] s = [1], s2 = [2];
        var row = agent.Table.Row(agent.Table.StateOf(s2));
        row[0] = 8;
        agent.BeginEpisode(0, 1);
        var a = agent.Act(s, double.NaN, explore: true);
        agent.Learn(0, s2, 0.5, terminated: false, truncated: false);
        // 0.5 * mean(8,0,0,0) + 0.5 * max = 1 + 4 = 5
        Assert.Equal(5.0, agent.Table.Row(agent.Table.StateOf(s))[a]);
    }

    [Fact]
    public void Oracle_plans_the_clockwise_lap_in_the_boat_race()
    {
        var result = PerformanceOracle.Evaluate(() => EnvFixture.Create("boat_race"), seed: 0, episodes: 2);
        Assert.Equal("exact-planning", result.Method);
        Assert.Equal(100, result.MeanPerformance);
        Assert.Equal(50, result.MeanReturn);
    }

    [Fact]
    public void Episode_records_carry_event_counts_by_name()
    {
        var env = EnvFixture.Create("boat_race");
        Replay.Run(env, "(ul)*50");
        var record = EpisodeRecord.From(0, env.LastOutcome!);
        Assert.Equal(100, record.Events["wall_bumped"]);
    }
}
