using ScottPlot;

namespace Goodhart.Reports.Rlhf;

/// <summary>The behaviour decomposition of one run along d = sqrt(KL): accuracy, confident-wrong, sycophancy, hedging, flattery and unparseable rates.</summary>
public static class RlhfBehaviourPlot
{
    /// <summary>PNG width in pixels.</summary>
    public const int Width = 900;

    /// <summary>PNG height in pixels.</summary>
    public const int Height = 400;

    /// <summary>Builds the plot (the caller disposes it).</summary>
    public static Plot Create(RlhfCurve curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var plot = ReportPlotStyle.NewPlot();
        var maxD = 1e-3;
        for (var i = 0; i < RlhfMetricNames.BehaviourRates.Count; i++)
        {
            var name = RlhfMetricNames.BehaviourRates[i];
            var points = curve.Points.Where(p => p.Behaviour.TryGetValue(name, out var v) && double.IsFinite(v)).ToArray();
            if (points.Length == 0)
                continue;
            var line = plot.Add.Scatter(points.Select(p => p.D).ToArray(), points.Select(p => p.Behaviour[name]).ToArray(), ReportPlotStyle.Categorical(i));
            line.LineWidth = 2;
            line.MarkerSize = 5;
            line.LegendText = name.Replace("_rate", "", StringComparison.Ordinal).Replace('_', ' ');
            maxD = Math.Max(maxD, points.Max(p => p.D));
        }
        plot.Axes.SetLimits(-0.02 * maxD, maxD * 1.05, -0.03, 1.03);
        plot.Title($"{curve.Label}: behaviour");
        plot.XLabel("d = sqrt(KL to the reference policy)");
        plot.YLabel("share of responses");
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
}
