using Goodhart.Experiments.Running;
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
}
