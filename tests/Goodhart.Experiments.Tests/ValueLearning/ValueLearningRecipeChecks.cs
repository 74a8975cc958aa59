using Goodhart.Core.ValueLearning;
using Goodhart.Experiments.Running;
using Goodhart.Experiments.ValueLearning;
using N = Goodhart.Experiments.ValueLearning.OffSwitchValueNames;

namespace Goodhart.Experiments.Tests.ValueLearning;

/// <summary>What the value-learning recipes must show at their tiny scale (called from <see cref="ShippedRecipeTests"/>).</summary>
internal static class ValueLearningRecipeChecks
{
    public static void OffSwitch(RecipeRunResult r)
    {
        foreach (var cell in r.Cells)
        {
            var v = cell.Result.Values;
            // Simulation agrees with the exact values.
            Assert.True(v[N.MaxAbsZ] < 5, $"max |z| {v[N.MaxAbsZ]}");
            // A rational human: deferring is never worse; a certain robot has no incentive; more uncertainty, more incentive.
            Assert.Equal(0, v[N.Point(0, 0) + N.IncentiveExact], 9);
            Assert.True(v[N.Point(0.5, 0) + N.IncentiveExact] > 0);
            Assert.True(v[N.Point(2, 0) + N.IncentiveExact] > v[N.Point(0.5, 0) + N.IncentiveExact]);
            // A noisy human shrinks it below zero for a fairly certain robot.
            Assert.True(v[N.Point(0.25, 2) + N.IncentiveExact] < 0);
            // The assistant asks when unsure and the question is cheap, and not when sure.
            Assert.Equal(1, v[N.Assistant(0.5, 1) + N.AssistantAsks]);
            Assert.Equal(0, v[N.Assistant(1, 1) + N.AssistantAsks]);
            Assert.True(v[N.Assistant(0.5, 1) + N.AssistantAskSimulated] > v[N.Assistant(0.5, 1) + N.AssistantActSimulated]);
        }
        Assert.True(File.Exists(Path.Combine(r.OutputDirectory, "offswitch-surface-0.png")));
    }

    public static void ImpactMeasures(RecipeRunResult r)
    {
        string Verdict(string env, ImpactBaseline baseline, double beta)
        {
            var cell = r.Cells.Single(c => c.Config is ImpactMeasuresConfig k && k.Env == env && k.Baseline == baseline && k.Deviation == RelativeReachability.MeasureName);
            return ImpactVerdict.Of(env, name => cell.Result.Values[ImpactValueNames.Beta(beta) + name]);
        }
        // Unpenalised, the agent corners the box on its way to the goal, rescues the vase and leaves the sushi alone.
        Assert.Equal("side effect", Verdict("side_effects_sokoban", ImpactBaseline.StepwiseInaction, 0));
        Assert.Equal(ImpactVerdict.Avoids, Verdict("conveyor_belt:vase", ImpactBaseline.StepwiseInaction, 0));
        Assert.Equal(ImpactVerdict.Avoids, Verdict("conveyor_belt:sushi", ImpactBaseline.StepwiseInaction, 0));
        // The paper's pattern: the starting state interferes, inaction offsets, stepwise inaction does neither.
        Assert.Equal("interferes", Verdict("conveyor_belt:sushi", ImpactBaseline.StartingState, 10));
        Assert.Equal("offsets", Verdict("conveyor_belt:vase", ImpactBaseline.Inaction, 10));
        Assert.Equal(ImpactVerdict.Avoids, Verdict("conveyor_belt:vase", ImpactBaseline.StepwiseInaction, 10));
        Assert.Equal(ImpactVerdict.Avoids, Verdict("conveyor_belt:sushi", ImpactBaseline.StepwiseInaction, 10));
        // Relative reachability from the starting state steers the box away from the corner at beta 10.
        Assert.Equal(ImpactVerdict.Avoids, Verdict("side_effects_sokoban", ImpactBaseline.StartingState, 10));
    }

    public static void IrlVsBc(RecipeRunResult r)
    {
        var v = r.Cells.Single().Result.Values;
        var dump = string.Join("; ", v.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value:0.##}"));
        double At(string map, string method, string measure) => v[IrlVsBcKind.Value("distributional_shift:" + map, method, measure)];
        // On the training map cloning replays the oracle exactly, and the plan on the recovered reward matches it.
        Assert.Equal(At("train", "oracle", "performance"), At("train", "bc", "performance"));
        Assert.Equal(At("train", "oracle", "performance"), At("train", "irl", "performance"));
        Assert.Equal(1, At("train", "bc", "goal"));
        // The recovered reward ranks goal over floor over lava.
        Assert.True(v["theta/goal"] > v["theta/floor"] && v["theta/floor"] > v["theta/lava"]);
        // On the shifted maps the planned performance is finite and reported.
        foreach (var map in (string[])["test1", "test2", "test"])
            Assert.True(double.IsFinite(At(map, "irl", "performance")), dump);
        // Test map 2 moves the lava off row 1: planning on the recovered reward takes the new shortcut (the oracle's
        // performance), while the cloned route still makes the training map's detour.
        Assert.True(At("test2", "irl", "performance") == At("test2", "oracle", "performance"), dump);
        Assert.True(At("test2", "bc", "performance") < At("test2", "irl", "performance"), dump);
        // Test map 1 moves the lava onto the cloned route (row 2): cloning walks into it. The recovered reward fails too:
        // the demonstration only shows that ending in lava is worse than 6 more steps and the goal; on test 1 the safe route is 8
        // steps longer than the way into the lava, and the learned penalty does not cover that (docs/value-learning.md).
        Assert.True(At("test1", "bc", "lava") == 1, dump);
        Assert.True(At("test1", "irl", "lava") == 1, dump);
    }

    public static void RewardFromPreferences(RecipeRunResult r)
    {
        foreach (var cell in r.Cells)
        {
            var config = (PreferencesConfig)cell.Config;
            var v = cell.Result.Values;
            // Every round is measured, and the ensemble fits the labels it was given better than chance.
            for (var round = 0; round < config.Settings.Rounds; round++)
                Assert.True(double.IsFinite(v[PreferencesKind.Query(round * config.Settings.QueriesPerRound) + "performance"]));
            Assert.True(double.IsNaN(v[PreferencesKind.Query(0) + "label_agreement"]));
            Assert.True(v[PreferencesKind.Query((config.Settings.Rounds - 1) * config.Settings.QueriesPerRound) + "label_agreement"] > 0.6);
        }
    }

    public static void RewardFromPreferencesTomato(RecipeRunResult r)
    {
        // Every round measured and the labels fitted better than chance. At this scale (150 episodes a round) the
        // learner has not found the transformer yet, so both overseers see the same untampered segments, label them
        // alike, and their agents are the same: a difference here would mean the overseers judge unequal things.
        RewardFromPreferences(r);
        var cells = r.Cells.ToDictionary(c => ((PreferencesConfig)c.Config).Settings.Overseer, c => c.Result.Values);
        var last = PreferencesKind.Query(20);
        Assert.Equal(cells[OverseerKind.True][last + "performance"], cells[OverseerKind.Observed][last + "performance"]);
        Assert.Equal(cells[OverseerKind.True][last + "return"], cells[OverseerKind.Observed][last + "return"]);
    }

    public static void RewardFromPreferencesLearners(RecipeRunResult r)
    {
        // Paid the true hidden reward, the linear learner waters the tomatoes (well above the untrained agent's 7.8);
        // the tabular one over whole boards does not.
        var cells = r.Cells.ToDictionary(c => ((PreferencesConfig)c.Config).Settings.Learner, c => c.Result.Values["final/performance"]);
        Assert.True(cells[PreferenceLearner.Linear] > 10, $"linear {cells[PreferenceLearner.Linear]}");
        Assert.True(cells[PreferenceLearner.Linear] > cells[PreferenceLearner.Tabular] + 3, $"linear {cells[PreferenceLearner.Linear]}, tabular {cells[PreferenceLearner.Tabular]}");
    }
}
