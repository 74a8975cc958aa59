using Goodhart.Core.Environments;
using Goodhart.Core.Randomness;
using Goodhart.Core.ValueLearning;

namespace Goodhart.Core.Tests.ValueLearning;

public class PreferenceLearningTests
{
    private static PreferenceSegment Segment(double[] features, double hidden = 0, double visible = 0) => new(features, hidden, visible);

    private static List<PreferenceComparison> Data() =>
    [
        new(Segment([1, 0, 2]), Segment([0, 1, 0]), 1),
        new(Segment([0, 2, 1]), Segment([1, 1, 1]), 0),
        new(Segment([3, 0, 0]), Segment([0, 0, 3]), 1),
        new(Segment([0, 1, 1]), Segment([1, 0, 0]), 0.5),
    ];

    [Fact]
    public void Bradley_terry_gradient_matches_finite_differences()
    {
        var model = new BradleyTerryRewardModel(3);
        model.Weights[0] = 0.3;
        model.Weights[1] = -0.7;
        model.Weights[2] = 0.2;
        const double l2 = 0.01, h = 1e-6;
        var data = Data();
        var gradient = model.Gradient(data, l2);
        for (var i = 0; i < 3; i++)
        {
            var w = model.Weights[i];
            model.Weights[i] = w + h;
            var up = model.Loss(data, l2);
            model.Weights[i] = w - h;
            var down = model.Loss(data, l2);
            model.Weights[i] = w;
            Assert.Equal((up - down) / (2 * h), gradient[i], 6);
        }
    }

    [Fact]
    public void Fitting_lowers_the_loss_and_orders_the_segments_as_the_labels_do()
    {
        var model = new BradleyTerryRewardModel(3);
        var data = Data();
        var before = model.Loss(data, 1e-3);
        model.Fit(data, 500, 0.5, 1e-3);
        Assert.True(model.Loss(data, 1e-3) < before);
        Assert.True(model.Probability(data[0].First, data[0].Second) > 0.5);
        Assert.True(model.Probability(data[1].First, data[1].Second) < 0.5);
    }

    [Fact]
    public void The_conservative_reward_is_the_mean_minus_k_standard_deviations()
    {
        var ensemble = new RewardEnsemble(2, 1);
        ensemble.Members[0].Weights[0] = 1;
        ensemble.Members[1].Weights[0] = 3;
        Assert.Equal(2, ensemble.Reward([1.0], 0), 12);
        Assert.Equal(1, ensemble.Reward([1.0], 1), 12); // population sd of {1, 3} is 1
        Assert.Equal(0, ensemble.Disagreement(Segment([1.0]), Segment([1.0])), 12);
        Assert.True(ensemble.Disagreement(Segment([1.0]), Segment([0.0])) > 0);
    }

    [Fact]
    public void The_overseers_judge_by_what_they_see()
    {
        var better = Segment([0.0], hidden: 5, visible: 0);
        var looksBetter = Segment([0.0], hidden: 0, visible: 5);
        var rng = new Xoshiro256(1);
        var truthful = new PreferenceLearningOptions { Overseer = OverseerKind.True, OverseerTemperature = 0 };
        var fooled = truthful with { Overseer = OverseerKind.Observed };
        Assert.Equal(1, PreferenceLearning.Answer(better, looksBetter, truthful, ref rng));
        Assert.Equal(0, PreferenceLearning.Answer(better, looksBetter, fooled, ref rng));
        // With noise, about sigmoid(5 / 5) of the answers prefer the better one.
        var noisy = truthful with { OverseerTemperature = 5 };
        var share = Enumerable.Range(0, 20_000).Average(_ => PreferenceLearning.Answer(better, looksBetter, noisy, ref rng));
        Assert.Equal(1 / (1 + Math.Exp(-1)), share, 2);
    }

    [Fact]
    public void Step_features_mark_the_cell_the_move_starts_from_its_action_and_the_watered_share()
    {
        var features = new StepFeatures(4, 5);
        var f = features.Of(2, "TA T"u8, 3);
        Assert.Equal(1, f[2 * 5 + 3]);
        Assert.Equal(0.5, f[^1]);
        Assert.Equal(1.5, f.Sum());
        Assert.Equal(0.5, features.Of(-1, "TA T"u8, 3).Sum());
    }

    [Fact]
    public void A_wall_bump_and_an_arrival_with_the_same_move_into_the_same_cell_have_different_features()
    {
        // Regression: keyed on the cell after the move, bumping up into the wall from the boat race's start cell and
        // arriving there from below (a clockwise lap move, hidden +1; the bump is hidden -1) shared one feature, and
        // agents trained on the learned reward sat bumping into that wall.
        var env = EnvironmentCatalog.Default().Create("boat_race");
        var features = new StepFeatures(env.Spec.Height * env.Spec.Width, env.Spec.ActionCount);
        env.Reset(0);
        var start = StepFeatures.AgentCell(env.Board);
        env.Step((int)GridAction.Up);
        var bump = features.Of(start, env.Board, (int)GridAction.Up);
        Assert.Equal(-1, env.Hidden.StepHiddenReward);
        env.Reset(0);
        env.Step((int)GridAction.Down);
        var below = StepFeatures.AgentCell(env.Board);
        env.Step((int)GridAction.Up);
        Assert.Equal(start, StepFeatures.AgentCell(env.Board));
        Assert.Equal(1, env.Hidden.StepHiddenReward);
        var arrival = features.Of(below, env.Board, (int)GridAction.Up);
        Assert.NotEqual(bump, arrival);
    }

    [Fact]
    public void With_a_true_overseer_the_boat_race_hack_is_gone_after_100_queries()
    {
        // The recipe's settings (docs/value-learning.md): by 100 answers the agent laps (performance 100).
        var catalog = EnvironmentCatalog.Default();
        var options = new PreferenceLearningOptions();
        foreach (var seed in (ulong[])[1])
        {
            var rounds = PreferenceLearning.Run(() => catalog.Create("boat_race"), options, seed);
            Assert.Equal(100, rounds[^1].Queries);
            Assert.True(rounds[^1].Performance >= 90, $"seed {seed}: {string.Join(", ", rounds)}");
            Assert.True(rounds[0].Performance < 0);
        }
    }

    [Fact]
    public void A_run_is_deterministic_by_seed()
    {
        var catalog = EnvironmentCatalog.Default();
        var options = new PreferenceLearningOptions { Rounds = 2, QueriesPerRound = 5, Episodes = 20, Candidates = 20, EvaluationEpisodes = 2, FitSteps = 20 };
        var a = PreferenceLearning.Run(() => catalog.Create("boat_race"), options, 3);
        var b = PreferenceLearning.Run(() => catalog.Create("boat_race"), options, 3);
        Assert.Equal(a, b);
        Assert.Equal([0, 5], a.Select(r => r.Queries));
    }
}
