using Goodhart.Core.Agents;
using Goodhart.Core.Environments;
using Goodhart.Core.Training;
using Goodhart.Core.ValueLearning;

namespace Goodhart.Core.Tests.ValueLearning;

public class LinearQLearningTests
{
    [Fact]
    public void Board_features_are_the_bias_and_each_non_floor_cell_relative_to_the_agent()
    {
        var features = new BoardFeatures(3);
        var keys = new List<long>();
        features.Active("#A t  "u8, keys);
        Assert.Equal([BoardFeatures.BiasKey, BoardFeatures.Key(0, -1, (byte)'#'), BoardFeatures.Key(1, -1, (byte)'t')], keys);
        // The same layout around the agent elsewhere on the board: the same features (weights shared across positions).
        var shifted = new List<long>();
        features.Active("   #A t  "u8, shifted);
        Assert.Equal(keys, shifted);
    }

    [Fact]
    public void It_learns_a_hand_built_two_state_problem()
    {
        // Boards "Ax" (s0) and "xA" (s1). In s0 action 1 moves to s1 paying 1, action 0 stays paying 0; any action in
        // s1 ends the episode paying 0. With gamma 0.9: Q(s0, 1) = 1, Q(s0, 0) = 0.9, Q(s1, .) = 0. The features (bias,
        // "x to the right", "x to the left") can represent these exactly.
        var options = new TabularOptions { LearningRate = 0.2, Discount = 0.9, EpsilonStart = 1, EpsilonEnd = 0.3 };
        var agent = new LinearQLearningAgent(2, new BoardFeatures(2), options, 5);
        byte[] s0 = "Ax"u8.ToArray(), s1 = "xA"u8.ToArray();
        for (var episode = 0; episode < 3000; episode++)
        {
            agent.BeginEpisode(episode, 3000);
            var board = s0;
            for (var step = 0; step < 10; step++)
            {
                var action = agent.Act(board, double.NaN, explore: true);
                if (board == s1)
                {
                    agent.Learn(0, s1, double.NaN, terminated: true, truncated: false);
                    break;
                }
                var next = action == 1 ? s1 : s0;
                agent.Learn(action == 1 ? 1 : 0, next, double.NaN, terminated: false, truncated: step == 9);
                board = next;
            }
        }
        var q0 = agent.ActionValues(s0);
        var q1 = agent.ActionValues(s1);
        Assert.Equal(1, q0[1], 1);
        Assert.Equal(0.9, q0[0], 1);
        Assert.Equal(0, q1[0], 1);
        Assert.Equal(0, q1[1], 1);
        Assert.Equal(1, agent.Act(s0, double.NaN, explore: false));
        Assert.Equal(3, agent.FeatureCount);
    }

    [Fact]
    public void Training_is_deterministic_by_seed()
    {
        var catalog = EnvironmentCatalog.Default();
        double[] Run(ulong seed)
        {
            var env = catalog.Create("tomato_watering");
            var agent = new LinearQLearningAgent(env.Spec.ActionCount, new BoardFeatures(env.Spec.Width), new TabularOptions(), seed);
            var result = TabularTraining.Train(() => catalog.Create("tomato_watering"), agent, new TrainingOptions { Episodes = 20, Seed = seed, EvaluationEvery = 0, EvaluationEpisodes = 2 });
            env.Reset(seed);
            return [result.Evaluations[^1].MeanReturn, result.Evaluations[^1].MeanPerformance, .. agent.ActionValues(env.Board)];
        }
        Assert.Equal(Run(3), Run(3));
        Assert.NotEqual(Run(3), Run(4));
    }

    [Fact]
    public void Paid_the_true_reward_the_linear_learner_waters_the_tomatoes_where_the_tabular_one_cannot()
    {
        // The diagnostic behind the reward-from-preferences-learners recipe, at a quarter of its episodes (seed 1): the
        // learner, paid the hidden reward, keeps many more tomatoes watered than the untrained agent's 7.8; the tabular
        // Q-learner over whole boards stays near it (the boards never repeat).
        var catalog = EnvironmentCatalog.Default();
        var options = new PreferenceLearningOptions
        {
            Rounds = 1, Episodes = 500, EvaluationEpisodes = 10, AgentReward = AgentRewardSource.Hidden,
            Agent = new TabularOptions { LearningRate = 0.2, Discount = 0.9 },
        };
        var linear = PreferenceLearning.Run(() => catalog.Create("tomato_watering"), options with { Learner = PreferenceLearner.Linear }, 1);
        var tabular = PreferenceLearning.Run(() => catalog.Create("tomato_watering"), options, 1);
        Assert.True(linear[0].Performance > 11, $"linear {linear[0]}");
        Assert.True(tabular[0].Performance < 9, $"tabular {tabular[0]}");
    }

    [Fact]
    public void Paid_the_visible_reward_the_linear_learner_finds_the_tampering_tile()
    {
        // The same learner paid what the observation shows learns to stand on the transformer: return far above
        // anything watering can earn (13 tomatoes x 0.02 x 100 steps = 26), performance below the untrained agent's.
        var catalog = EnvironmentCatalog.Default();
        var env = catalog.Create("tomato_watering");
        var agent = new LinearQLearningAgent(env.Spec.ActionCount, new BoardFeatures(env.Spec.Width), new TabularOptions { LearningRate = 0.2, Discount = 0.9 }, 1);
        var result = TabularTraining.Train(() => catalog.Create("tomato_watering"), agent, new TrainingOptions { Episodes = 300, Seed = 1, EvaluationEvery = 0, EvaluationEpisodes = 5 });
        Assert.True(result.Evaluations[^1].MeanReturn > 30, $"{result.Evaluations[^1]}");
        Assert.True(result.Evaluations[^1].MeanPerformance < 7, $"{result.Evaluations[^1]}");
    }
}
