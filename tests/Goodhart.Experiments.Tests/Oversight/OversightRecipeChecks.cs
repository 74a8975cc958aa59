using Goodhart.Experiments.Oversight;
using Goodhart.Experiments.Running;

namespace Goodhart.Experiments.Tests.Oversight;

/// <summary>What the oversight recipes must show even at their tiny scale (used by <see cref="ShippedRecipeTests"/>).</summary>
internal static class OversightRecipeChecks
{
    /// <summary>The recipes that read Fashion-MNIST (the test installs Debian's package first when it is missing).</summary>
    public static readonly IReadOnlySet<string> NeedFashionMnist = new HashSet<string>(StringComparer.Ordinal) { "debate-fashion-mnist", "debate-mcts", "debate-judge-strength", "weak-to-strong" };

    /// <summary>Every accuracy is a share; the judge beats chance (10%) from random pixels; debate with precommitment helps the judge.</summary>
    public static void Debate(RecipeRunResult r)
    {
        var values = Assert.Single(r.Cells).Result.Values;
        foreach (var k in new[] { 4, 6 })
        {
            Assert.All(new[] { DebateImageValues.JudgeRandom(k), DebateImageValues.JudgeDebate(k), DebateImageValues.HonestWinRate(k), DebateImageValues.JudgeNoPrecommit(k) },
                name => Assert.InRange(values[name], 0, 1));
            Assert.True(values[DebateImageValues.JudgeRandom(k)] > 0.15, $"k={k}: judge from random pixels {values[DebateImageValues.JudgeRandom(k)]}");
            Assert.True(values[DebateImageValues.HonestWinRate(k)] >= values[DebateImageValues.JudgeDebate(k)], "winning every lie is harder than winning one");
        }
        Assert.True(values[DebateImageValues.HonestWinRate(6)] > values[DebateImageValues.JudgeRandom(6)], "a debate against one committed lie beats random pixels");
    }

    /// <summary>
    /// Greedy and MCTS debaters ran against the same judges (a judge's seed is the cell's seed and k, so its accuracy
    /// from random pixels is the same in both cells); every accuracy is a share; winning every lie is never easier
    /// than winning one; the two searches are stored as different agents.
    /// </summary>
    public static void DebateMcts(RecipeRunResult r)
    {
        Assert.Equal(2, r.Cells.Count);
        var byDebater = r.Cells.ToDictionary(c => ((DebateImageConfig)c.Config).Debater, c => c.Result.Values);
        Assert.Equal(["greedy", "mcts"], byDebater.Keys.Order(StringComparer.Ordinal));
        foreach (var k in new[] { 4, 6 })
        {
            Assert.Equal(byDebater["greedy"][DebateImageValues.JudgeRandom(k)], byDebater["mcts"][DebateImageValues.JudgeRandom(k)]);
            foreach (var values in byDebater.Values)
            {
                Assert.All(new[] { DebateImageValues.JudgeDebate(k), DebateImageValues.HonestWinRate(k), DebateImageValues.JudgeNoPrecommit(k) },
                    name => Assert.InRange(values[name], 0, 1));
                Assert.True(values[DebateImageValues.HonestWinRate(k)] >= values[DebateImageValues.JudgeDebate(k)], "winning every lie is harder than winning one");
            }
        }
        Assert.Contains("<td>mcts</td>", File.ReadAllText(r.IndexPath), StringComparison.Ordinal);
    }

    /// <summary>The k = 6 judge beats chance (10%) from random pixels, and every accuracy is a share.</summary>
    public static void JudgeStrength(RecipeRunResult r)
    {
        foreach (var values in r.Cells.Select(c => c.Result.Values))
        {
            Assert.All(new[] { DebateImageValues.JudgeRandom(6), DebateImageValues.JudgeDebate(6), DebateImageValues.HonestWinRate(6), DebateImageValues.JudgeNoPrecommit(6) },
                name => Assert.InRange(values[name], 0, 1));
            Assert.True(values[DebateImageValues.JudgeRandom(6)] > 0.15, $"judge from random pixels {values[DebateImageValues.JudgeRandom(6)]}");
        }
    }

    /// <summary>Both tasks ran; on Fashion-MNIST the strong ceiling beats the weak supervisor; PGR is the stated arithmetic of the accuracies (undefined only without a gap).</summary>
    public static void WeakToStrong(RecipeRunResult r)
    {
        Assert.Equal(2, r.Cells.Count);
        foreach (var cell in r.Cells)
        {
            var v = cell.Result.Values;
            var task = cell.GridPoint.Values.Single();
            Assert.All(new[] { WeakToStrongValues.Weak, WeakToStrongValues.Ceiling, WeakToStrongValues.WeakToStrong, WeakToStrongValues.WeakToStrongConfidence },
                name => Assert.InRange(v[name], 0, 1));
            if (task == WeakToStrongConfig.FashionMnistTask)
                Assert.True(v[WeakToStrongValues.Ceiling] > v[WeakToStrongValues.Weak] + 0.02, $"ceiling {v[WeakToStrongValues.Ceiling]} vs weak {v[WeakToStrongValues.Weak]}");
            var gap = v[WeakToStrongValues.Ceiling] - v[WeakToStrongValues.Weak];
            if (gap < Core.Oversight.PerformanceGapRecovered.MinimumGap)
            {
                Assert.True(double.IsNaN(v[WeakToStrongValues.Pgr]));
                continue;
            }
            Assert.Equal((v[WeakToStrongValues.WeakToStrong] - v[WeakToStrongValues.Weak]) / gap, v[WeakToStrongValues.Pgr], 9);
            Assert.Equal((v[WeakToStrongValues.WeakToStrongConfidence] - v[WeakToStrongValues.Weak]) / gap, v[WeakToStrongValues.PgrConfidence], 9);
        }
    }
}
