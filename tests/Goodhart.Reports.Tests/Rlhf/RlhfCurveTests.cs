using Goodhart.Reports.Rlhf;
using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;

namespace Goodhart.Core.Tests.Reports.Rlhf;

public sealed class RlhfCurveTests
{
    private static RunRecord Run(string kind, string agent) =>
        new("r-1", kind, "rlhf:typical", agent, 7, "{}", "test", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, RunStatus.Finished, null);

    /// <summary>Points of gold = -1 + d (0.8 - 0.2 d) at d = 0, 0.5, ..., 3 (peak d* = 2), with proxy rising and two behaviour rates.</summary>
    private static List<MetricPoint> BestOfNMetrics()
    {
        var metrics = new List<MetricPoint> { new(RlhfMetricNames.GoldBaseline, 0, -1) };
        for (var i = 0; i <= 6; i++)
        {
            var d = i * 0.5;
            long n = 1L << i;
            metrics.Add(new MetricPoint(RlhfMetricNames.Kl, n, d * d));
            metrics.Add(new MetricPoint(RlhfMetricNames.SqrtKl, n, d));
            metrics.Add(new MetricPoint(RlhfMetricNames.Gold, n, -1 + (d * (0.8 - (0.2 * d)))));
            metrics.Add(new MetricPoint(RlhfMetricNames.Proxy, n, d));
            metrics.Add(new MetricPoint("behaviour/accuracy", n, 0.1 * i));
            metrics.Add(new MetricPoint("behaviour/sycophancy_rate", n, 0.05 * i));
            metrics.Add(new MetricPoint("objective/kl", n, 99)); // not part of the curve
        }
        return metrics;
    }

    [Fact]
    public void A_best_of_n_run_becomes_a_curve_with_the_best_of_n_fit_and_its_peak()
    {
        var curve = RlhfCurve.FromRun(Run(RlhfMetricNames.BestOfNKind, "bon-rm"), BestOfNMetrics())!;

        Assert.Equal("typical", curve.Rater);
        Assert.Equal(GoodhartForm.BestOfN, curve.Form);
        Assert.Equal([1L, 2L, 4L, 8L, 16L, 32L, 64L], curve.Points.Select(p => p.Step));
        Assert.Equal(-1, curve.BaselineGold);
        Assert.Equal(0.3, curve.Points[3].Behaviour["accuracy"], 12);
        Assert.Equal(16L, curve.GoldPeak.Step); // d = 2
        var fit = curve.Fit()!;
        Assert.Equal(0.8, fit.Alpha, 9);
        Assert.Equal(0.2, fit.Beta, 9);
        Assert.Equal(2.0, fit.PeakD!.Value, 9);
        Assert.Equal(1.0, fit.RSquared, 9);
    }

    [Fact]
    public void A_ppo_run_is_fitted_with_the_rl_form_from_its_first_evaluation()
    {
        var metrics = new List<MetricPoint>();
        double[] ds = [0, 1, 2, 3];
        for (var i = 0; i < ds.Length; i++)
        {
            var d = ds[i];
            var gain = d > 0 ? d * (0.5 - (0.25 * Math.Log(d))) : 0;
            metrics.Add(new MetricPoint(RlhfMetricNames.Gold, i * 10, -0.8 + gain));
            metrics.Add(new MetricPoint(RlhfMetricNames.Kl, i * 10, d * d));
            metrics.Add(new MetricPoint(RlhfMetricNames.SqrtKl, i * 10, d));
        }

        var curve = RlhfCurve.FromRun(Run(RlhfMetricNames.PpoKind, "ppo-gold"), metrics)!;

        Assert.Equal(GoodhartForm.ReinforcementLearning, curve.Form);
        Assert.Equal(-0.8, curve.BaselineGold, 12);
        Assert.False(curve.HasProxy);
        var fit = curve.Fit()!;
        Assert.Equal(0.5, fit.Alpha, 9);
        Assert.Equal(0.25, fit.Beta, 9);
        Assert.Equal(Math.E, fit.PeakD!.Value, 9);
    }

    [Fact]
    public void Too_few_points_give_no_fit_and_a_run_without_gold_no_curve()
    {
        var one = new List<MetricPoint> { new(RlhfMetricNames.Gold, 0, -1), new(RlhfMetricNames.SqrtKl, 0, 0) };
        Assert.Null(RlhfCurve.FromRun(Run(RlhfMetricNames.DpoKind, "dpo"), one)!.Fit());
        Assert.Null(RlhfCurve.FromRun(Run(RlhfMetricNames.DpoKind, "dpo"), [new MetricPoint("loss", 1, 0.7)]));
    }

    [Fact]
    public void Reward_model_rows_come_from_the_eval_metrics_of_each_scorer()
    {
        List<MetricPoint> metrics =
        [
            new("rm/eval_accuracy", 0, 0.65), new("rm/eval_gold_accuracy", 0, 0.53), new("rm/eval_rater_gold_accuracy", 0, 0.69),
            new("rm/eval_rater_ceiling", 0, 0.76), new("rm/eval_margin", 0, 0.4),
            new("gold/eval_accuracy", 0, 0.58), new("gold/eval_gold_accuracy", 0, 1), new("rm-0/loss", 1, 0.69),
        ];

        var rows = RewardModelAccuracy.FromRun(Run(RlhfMetricNames.RewardModelKind, "rm"), metrics);

        Assert.Equal(["rm", "gold"], rows.Select(r => r.Scorer));
        Assert.Equal((0.65, 0.53, 0.69, 0.76), (rows[0].Accuracy, rows[0].GoldAccuracy, rows[0].RaterGoldAccuracy, rows[0].RaterCeiling));
        Assert.True(double.IsNaN(rows[1].RaterCeiling));
    }

    [Fact]
    public void The_report_writes_a_page_and_valid_plots_and_replaces_its_own_old_plots()
    {
        var dir = Path.Combine(Path.GetTempPath(), "goodhart-rlhf-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, "09-old-curve.png"), [1]);
            File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");
            var curve = RlhfCurve.FromRun(Run(RlhfMetricNames.BestOfNKind, "bon-rm"), BestOfNMetrics())!;

            var files = RlhfReport.Write("RLHF test", [curve], [], dir);

            Assert.Equal(Path.Combine(dir, "index.html"), files[0]);
            Assert.False(File.Exists(Path.Combine(dir, "09-old-curve.png")));
            Assert.True(File.Exists(Path.Combine(dir, "notes.txt")));
            PngFile.AssertValid(File.ReadAllBytes(Path.Combine(dir, "01-bon-rm-curve.png")), RlhfCurvePlot.Width, RlhfCurvePlot.Height);
            PngFile.AssertValid(File.ReadAllBytes(Path.Combine(dir, "01-bon-rm-behaviour.png")), RlhfBehaviourPlot.Width, RlhfBehaviourPlot.Height);
            var html = File.ReadAllText(files[0]);
            Assert.Contains("bon-rm (typical, seed 7)", html, StringComparison.Ordinal);
            Assert.Contains("<td class=\"num\">2.000 (4.000)</td>", html, StringComparison.Ordinal); // fitted d* (KL)
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary><see cref="BestOfNMetrics"/> with standard errors stored beside gold, proxy and two behaviour metrics, and mean length.</summary>
    private static List<MetricPoint> BestOfNMetricsWithStandardErrors()
    {
        var metrics = BestOfNMetrics();
        for (var i = 0; i <= 6; i++)
        {
            long n = 1L << i;
            metrics.Add(new MetricPoint(RlhfMetricNames.GoldStandardError, n, 0.01 * (i + 1)));
            metrics.Add(new MetricPoint(RlhfMetricNames.ProxyStandardError, n, 0.02));
            metrics.Add(new MetricPoint("behaviour/accuracy_se", n, 0.03));
            metrics.Add(new MetricPoint("behaviour/mean_length", n, 20 + i));
            metrics.Add(new MetricPoint("behaviour/mean_length_se", n, 0.5));
        }
        return metrics;
    }

    [Fact]
    public void Stored_standard_errors_travel_with_each_point_and_are_not_behaviour_metrics()
    {
        var curve = RlhfCurve.FromRun(Run(RlhfMetricNames.BestOfNKind, "bon-rm"), BestOfNMetricsWithStandardErrors())!;

        var p = curve.Points[3];
        Assert.Equal(0.04, p.GoldSe!.Value, 12);
        Assert.Equal(0.02, p.ProxySe!.Value, 12);
        Assert.Equal(0.03, p.BehaviourSeOf("accuracy")!.Value, 12);
        Assert.Null(p.BehaviourSeOf("sycophancy_rate"));
        Assert.DoesNotContain("accuracy_se", p.Behaviour.Keys);
        Assert.Equal(0.01, curve.BaselineGoldSe!.Value, 12);
        Assert.Null(RlhfCurve.FromRun(Run(RlhfMetricNames.BestOfNKind, "bon-rm"), BestOfNMetrics())!.Points[3].GoldSe);
    }

    [Fact]
    public void Gold_at_d_0_is_the_n_1_point_not_the_stored_pool_mean()
    {
        var metrics = BestOfNMetrics();
        metrics[0] = new MetricPoint(RlhfMetricNames.GoldBaseline, 0, -1.25); // the pool mean differs from the n = 1 point (-1)

        var curve = RlhfCurve.FromRun(Run(RlhfMetricNames.BestOfNKind, "bon-rm"), metrics)!;

        Assert.Equal(-1, curve.BaselineGold);
        Assert.Equal(1L, curve.ZeroPoint!.Step);
    }

    [Fact]
    public void Every_plotted_point_carries_a_standard_error_band_when_stored()
    {
        var withSe = RlhfCurve.FromRun(Run(RlhfMetricNames.BestOfNKind, "bon-rm"), BestOfNMetricsWithStandardErrors())!;
        var without = RlhfCurve.FromRun(Run(RlhfMetricNames.BestOfNKind, "bon-rm"), BestOfNMetrics())!;

        using (var plot = RlhfCurvePlot.Create(withSe))
            Assert.Equal(2, plot.GetPlottables().OfType<ScottPlot.Plottables.FillY>().Count()); // gold and proxy
        using (var plot = RlhfCurvePlot.Create(without))
            Assert.Empty(plot.GetPlottables().OfType<ScottPlot.Plottables.FillY>());
        using (var plot = RlhfGoldOverviewPlot.Create("overview", [withSe]))
            Assert.Single(plot.GetPlottables().OfType<ScottPlot.Plottables.FillY>());
        using (var plot = RlhfBehaviourPlot.Create(withSe))
            Assert.Equal(2, plot.GetPlottables().OfType<ScottPlot.Plottables.FillY>().Count()); // accuracy and mean length
    }

    [Fact]
    public void Mean_length_is_plotted_on_the_right_axis_beside_the_rates()
    {
        var curve = RlhfCurve.FromRun(Run(RlhfMetricNames.BestOfNKind, "bon-rm"), BestOfNMetricsWithStandardErrors())!;

        using var plot = RlhfBehaviourPlot.Create(curve);

        var length = Assert.Single(plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>(), s => s.LegendText.StartsWith("mean length", StringComparison.Ordinal));
        Assert.Same(plot.Axes.Right, length.Axes.YAxis);
        Assert.All(plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Where(s => s != length), s => Assert.NotSame(plot.Axes.Right, s.Axes.YAxis));
        Assert.True(plot.Axes.Right.Range.Max >= 26.5);
    }

    [Fact]
    public void An_unreliable_fit_is_flagged_with_its_reason_and_its_peak_is_not_reported()
    {
        // Four points: a peak at d* = 2 fits exactly, but four points are too few to report it.
        var metrics = BestOfNMetrics().Where(m => m.Step <= 8).ToList();
        var curve = RlhfCurve.FromRun(Run(RlhfMetricNames.BestOfNKind, "bon-rm"), metrics)!;
        var fit = curve.Fit()!;
        Assert.False(fit.IsReliable);

        var html = Html(curve);

        Assert.Contains("unreliable: 4 points (fewer than 5)", html, StringComparison.Ordinal);
        Assert.Contains("not reported (unreliable fit)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("peak d*=2 (KL", html, StringComparison.Ordinal); // the one-line fit gives no peak
        Assert.DoesNotContain("2.000 (4.000)", html, StringComparison.Ordinal); // nor the overview's fitted d* (KL)
        using var plot = RlhfCurvePlot.Create(curve);
        Assert.DoesNotContain(plot.GetPlottables().OfType<ScottPlot.Plottables.Marker>(), m => m.LegendText == "fitted gold peak");
    }

    [Fact]
    public void Report_tables_show_each_mean_with_its_standard_error()
    {
        var curve = RlhfCurve.FromRun(Run(RlhfMetricNames.BestOfNKind, "bon-rm"), BestOfNMetricsWithStandardErrors())!;

        var html = Html(curve);

        // Gold at d = 0 (n = 1): -1 +/- 0.01; the point at n = 8 (d = 1.5): gold -1 + 1.5 (0.8 - 0.3) = -0.25 +/- 0.04 ("&#177;" is the HTML-encoded "±").
        Assert.Contains("<td class=\"num\">-1.000 &#177; 0.010</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">-0.250 &#177; 0.040</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">1.500 &#177; 0.020</td>", html, StringComparison.Ordinal); // proxy
        Assert.Contains("<td class=\"num\">0.300 &#177; 0.030</td>", html, StringComparison.Ordinal); // accuracy
        Assert.Contains("<td>reliable</td>", html, StringComparison.Ordinal);
    }

    private static string Html(RlhfCurve curve)
    {
        var dir = Path.Combine(Path.GetTempPath(), "goodhart-rlhf-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            return File.ReadAllText(RlhfReport.Write("RLHF test", [curve], [], dir)[0]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
