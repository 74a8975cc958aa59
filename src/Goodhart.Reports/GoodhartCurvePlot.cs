using Goodhart.Core.Runs;
using ScottPlot;

namespace Goodhart.Reports;

/// <summary>
/// The Goodhart curve: visible and hidden objective over training as trailing moving averages (raw points faint),
/// each with a band of one standard error of the window's mean on either side, the gap between them lightly shaded,
/// and the oracle's hidden objective as a dashed line.
/// </summary>
public static class GoodhartCurvePlot
{
    /// <summary>PNG width in pixels.</summary>
    public const int Width = 960;

    /// <summary>PNG height in pixels.</summary>
    public const int Height = 480;

    /// <summary>Builds the plot (the caller disposes it).</summary>
    public static Plot Create(GoodhartCurveData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var n = data.Progress.Count;
        if (data.Visible.Count != n || data.Hidden.Count != n)
            throw new ArgumentException("Progress, Visible and Hidden must have the same length.", nameof(data));

        var plot = ReportPlotStyle.NewPlot();
        var xs = data.Progress.ToArray();
        var visible = data.Visible.ToArray();
        var visibleStats = SlidingWindow.Trailing([.. data.Visible.Select(v => (double?)v)], data.Window);
        var hiddenStats = SlidingWindow.Trailing(data.Hidden, data.Window);
        var visibleAverage = visibleStats.Select(st => st?.Mean ?? double.NaN).ToArray();
        var hiddenAverage = hiddenStats.Select(st => st?.Mean ?? double.NaN).ToArray();
        var hiddenIndices = Enumerable.Range(0, n).Where(i => data.Hidden[i].HasValue).ToArray();
        var hiddenXs = hiddenIndices.Select(i => xs[i]).ToArray();
        var hiddenRaw = hiddenIndices.Select(i => data.Hidden[i]!.Value).ToArray();
        var bothIndices = Enumerable.Range(0, n).Where(i => !double.IsNaN(hiddenAverage[i])).ToArray();

        if (bothIndices.Length > 1)
        {
            var gap = plot.Add.FillY(
                bothIndices.Select(i => xs[i]).ToArray(),
                bothIndices.Select(i => visibleAverage[i]).ToArray(),
                bothIndices.Select(i => hiddenAverage[i]).ToArray());
            gap.FillColor = ReportPlotStyle.GapColor;
            gap.LineWidth = 0;
            gap.LegendText = "Goodhart gap";
        }

        ReportPlotStyle.AddStandardErrorBand(plot, xs, visibleStats, ReportPlotStyle.VisibleColor);
        ReportPlotStyle.AddStandardErrorBand(plot, xs, hiddenStats, ReportPlotStyle.HiddenColor);
        AddRaw(plot, xs, visible, ReportPlotStyle.VisibleColor);
        AddRaw(plot, hiddenXs, hiddenRaw, ReportPlotStyle.HiddenColor);
        AddAverage(plot, xs, visibleAverage, ReportPlotStyle.VisibleColor, $"{data.Labels.Visible} (visible), mean of last {data.Window} \u00b1 SE");
        AddAverage(plot, bothIndices.Select(i => xs[i]).ToArray(), bothIndices.Select(i => hiddenAverage[i]).ToArray(),
            ReportPlotStyle.HiddenColor, $"{data.Labels.Hidden} (hidden), mean of last {data.Window} \u00b1 SE");

        if (data.Oracle is { } oracle)
        {
            var line = plot.Add.HorizontalLine(oracle, 2, ReportPlotStyle.OracleColor, LinePattern.Dashed);
            line.LegendText = $"oracle {data.Labels.Hidden}";
        }

        var (low, high) = ReportPlotStyle.PaddedRange(visible.Concat(hiddenRaw).Concat(data.Oracle is { } o ? [o] : []));
        var (left, right) = n == 0 ? (0.0, 1.0) : (xs.Min(), Math.Max(xs.Max(), xs.Min() + 1));
        plot.Axes.SetLimits(left, right, low, high);
        plot.Title(data.Title);
        plot.XLabel(data.Labels.Progress);
        plot.YLabel($"{data.Labels.Visible} / {data.Labels.Hidden} per episode");
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        return plot;
    }

    /// <summary>The plot as PNG bytes (<see cref="Width"/> x <see cref="Height"/>).</summary>
    public static byte[] RenderPng(GoodhartCurveData data)
    {
        using var plot = Create(data);
        return ReportPlotStyle.Png(plot, Width, Height);
    }

    /// <summary>Writes the plot as a PNG file.</summary>
    public static void SavePng(GoodhartCurveData data, string path) => File.WriteAllBytes(path, RenderPng(data));

    private static void AddRaw(Plot plot, double[] xs, double[] ys, Color color)
    {
        if (xs.Length == 0)
            return;
        var markers = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 3, color.WithAlpha(60));
        markers.LegendText = string.Empty;
    }

    private static void AddAverage(Plot plot, double[] xs, double[] ys, Color color, string legend)
    {
        if (xs.Length == 0)
            return;
        var line = plot.Add.ScatterLine(xs, ys, color);
        line.LineWidth = 2.5f;
        line.LegendText = legend;
    }
}
