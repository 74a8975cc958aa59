using ScottPlot;

namespace Goodhart.Reports.ValueLearning;

/// <summary>Several mean lines with a band of one standard error each (queries vs performance, penalty strength sweeps).</summary>
public static class CurvesPlot
{
    /// <summary>PNG width in pixels.</summary>
    public const int Width = 860;

    /// <summary>PNG height in pixels.</summary>
    public const int Height = 480;

    /// <summary>The plot as PNG bytes; <paramref name="reference"/> adds a dashed horizontal line (e.g. the oracle).</summary>
    public static byte[] RenderPng(string title, string xLabel, string yLabel, IReadOnlyList<CurveSeries> series, (string Label, double Value)? reference = null, bool logX = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        using var plot = ReportPlotStyle.NewPlot();
        var all = new List<double>();
        for (var k = 0; k < series.Count; k++)
        {
            var s = series[k];
            var color = ReportPlotStyle.Categorical(k);
            var xs = s.Xs.Select(x => logX ? Math.Log10(x) : x).ToArray();
            ReportPlotStyle.AddStandardErrorBand(plot, xs, [.. s.Means.Select(m => (double?)m)], s.StandardErrors, color);
            var line = plot.Add.ScatterLine(xs, s.Means.ToArray());
            line.Color = color;
            line.LineWidth = 2;
            line.MarkerSize = 6;
            line.LegendText = s.Label;
            all.AddRange(s.Means.Where(double.IsFinite));
        }
        if (reference is { } r)
        {
            var line = plot.Add.HorizontalLine(r.Value, 2, ReportPlotStyle.OracleColor, LinePattern.Dashed);
            line.LegendText = r.Label;
            all.Add(r.Value);
        }
        if (all.Count > 0)
        {
            var (low, high) = ReportPlotStyle.PaddedRange(all, 0.1);
            plot.Axes.SetLimitsY(low, high);
        }
        plot.Title(title);
        plot.XLabel(logX ? $"{xLabel} (log10)" : xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Edge.Bottom);
        return ReportPlotStyle.Png(plot, Width, Height);
    }
}
