using ScottPlot;

namespace Goodhart.Reports.DeepRl;

/// <summary>
/// Curves of means over seeds against training steps, each with a band of one standard error over seeds, and
/// horizontal reference lines (the oracle's performance): the deep-RL reproduction's return and performance curves.
/// </summary>
public static class SeedCurvesPlot
{
    /// <summary>PNG width in pixels.</summary>
    public const int Width = 960;

    /// <summary>PNG height in pixels.</summary>
    public const int Height = 480;

    /// <summary>Writes the plot of <paramref name="curves"/> and <paramref name="references"/> (label, value) as a PNG.</summary>
    public static void SavePng(string path, string title, string xLabel, string yLabel, IReadOnlyList<SeedCurve> curves, IReadOnlyList<(string Label, double Value)> references) =>
        File.WriteAllBytes(path, RenderPng(title, xLabel, yLabel, curves, references));

    /// <summary>The PNG bytes of the plot <see cref="SavePng"/> writes.</summary>
    public static byte[] RenderPng(string title, string xLabel, string yLabel, IReadOnlyList<SeedCurve> curves, IReadOnlyList<(string Label, double Value)> references)
    {
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentNullException.ThrowIfNull(references);
        using var plot = ReportPlotStyle.NewPlot();
        var values = new List<double>();
        foreach (var curve in curves)
        {
            var color = ReportPlotStyle.Categorical(curve.ColorIndex);
            ReportPlotStyle.AddStandardErrorBand(plot, curve.Xs, curve.Points, color);
            var indices = Enumerable.Range(0, curve.Xs.Count).Where(i => curve.Points[i] is { } p && double.IsFinite(p.Mean)).ToArray();
            if (indices.Length == 0)
                continue;
            var line = plot.Add.Scatter(indices.Select(i => curve.Xs[i]).ToArray(), indices.Select(i => curve.Points[i]!.Mean).ToArray(), color);
            line.LineWidth = 2;
            line.MarkerSize = 4;
            line.LinePattern = curve.Dashed ? LinePattern.Dashed : LinePattern.Solid;
            line.LegendText = curve.Label;
            values.AddRange(indices.Select(i => curve.Points[i]!.Mean));
        }
        foreach (var (label, value) in references.Where(r => double.IsFinite(r.Value)))
        {
            var line = plot.Add.HorizontalLine(value, 2, ReportPlotStyle.OracleColor, LinePattern.Dotted);
            line.LegendText = label;
            values.Add(value);
        }
        var (low, high) = ReportPlotStyle.PaddedRange(values);
        var xs = curves.SelectMany(c => c.Xs).Where(double.IsFinite).ToArray();
        plot.Axes.SetLimits(xs.Length == 0 ? 0 : xs.Min(), xs.Length == 0 ? 1 : Math.Max(xs.Max(), xs.Min() + 1), low, high);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        return ReportPlotStyle.Png(plot, Width, Height);
    }
}
