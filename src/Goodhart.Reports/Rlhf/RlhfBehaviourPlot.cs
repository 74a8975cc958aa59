using Goodhart.Core.Runs;
using ScottPlot;

namespace Goodhart.Reports.Rlhf;

/// <summary>
/// The behaviour decomposition of one run along d = sqrt(KL): accuracy, confident-wrong, sycophancy, hedging, flattery
/// and unparseable rates on the left axis, and the mean response length beside them on the right axis (dashed, in
/// characters), each point with a band of one standard error where the run stored it.
/// </summary>
public static class RlhfBehaviourPlot
{
    /// <summary>PNG width in pixels.</summary>
    public const int Width = 900;

    /// <summary>PNG height in pixels.</summary>
    public const int Height = 420;

    /// <summary>Builds the plot (the caller disposes it).</summary>
    public static Plot Create(RlhfCurve curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var plot = ReportPlotStyle.NewPlot();
        var maxD = 1e-3;
        for (var i = 0; i < RlhfMetricNames.BehaviourRates.Count; i++)
        {
            var name = RlhfMetricNames.BehaviourRates[i];
            var points = Measured(curve, name);
            if (points.Length == 0)
                continue;
            var xs = points.Select(p => p.D).ToArray();
            ReportPlotStyle.AddStandardErrorBand(plot, xs, [.. points.Select(p => (double?)p.Behaviour[name])], [.. points.Select(p => p.BehaviourSeOf(name))],
                ReportPlotStyle.Categorical(i), low: 0, high: 1);
            var line = plot.Add.Scatter(xs, points.Select(p => p.Behaviour[name]).ToArray(), ReportPlotStyle.Categorical(i));
            line.LineWidth = 2;
            line.MarkerSize = 5;
            line.LegendText = name.Replace("_rate", "", StringComparison.Ordinal).Replace('_', ' ');
            maxD = Math.Max(maxD, xs.Max());
        }

        var lengths = Measured(curve, RlhfMetricNames.MeanLength);
        if (lengths.Length > 0)
        {
            var xs = lengths.Select(p => p.D).ToArray();
            var ys = lengths.Select(p => p.Behaviour[RlhfMetricNames.MeanLength]).ToArray();
            var ses = lengths.Select(p => p.BehaviourSeOf(RlhfMetricNames.MeanLength)).ToArray();
            var before = plot.GetPlottables().Count();
            ReportPlotStyle.AddStandardErrorBand(plot, xs, [.. ys.Select(y => (double?)y)], ses, ReportPlotStyle.NeutralColor, low: 0);
            var length = plot.Add.Scatter(xs, ys, ReportPlotStyle.NeutralColor);
            length.LineWidth = 2;
            length.LinePattern = LinePattern.Dashed;
            length.MarkerSize = 5;
            length.LegendText = "mean length (right axis)";
            foreach (var added in plot.GetPlottables().Skip(before))
                added.Axes.YAxis = plot.Axes.Right;
            var (_, high) = ReportPlotStyle.PaddedRange(ys.Select((y, i) => y + (ses[i] ?? 0)).Append(0));
            plot.Axes.Right.Range.Set(0, high);
            plot.Axes.Right.Label.Text = "mean length (characters)";
            maxD = Math.Max(maxD, xs.Max());
        }

        plot.Axes.SetLimits(-0.02 * maxD, maxD * 1.05, -0.03, 1.03);
        plot.Title($"{curve.Label}: behaviour");
        plot.XLabel("d = sqrt(KL to the reference policy)");
        plot.YLabel("share of responses \u00b1 SE");
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        return plot;
    }

    /// <summary>Writes the plot as a PNG file.</summary>
    public static void SavePng(RlhfCurve curve, string path)
    {
        using var plot = Create(curve);
        File.WriteAllBytes(path, ReportPlotStyle.Png(plot, Width, Height));
    }

    private static RlhfCurvePoint[] Measured(RlhfCurve curve, string name) =>
        [.. curve.Points.Where(p => p.Behaviour.TryGetValue(name, out var v) && double.IsFinite(v))];
}
