using ScottPlot;

namespace Goodhart.Reports.Interpretability;

/// <summary>Probe AUROC against depth, one line per policy and probe, with a mean ± one standard error band and chance at 0.5.</summary>
public static class ProbeAurocPlot
{
    /// <summary>PNG width in pixels.</summary>
    public const int Width = 800;

    /// <summary>PNG height in pixels.</summary>
    public const int Height = 420;

    /// <summary>Builds the plot (the caller disposes it).</summary>
    public static Plot Create(string title, IReadOnlyList<ProbeAurocSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = ReportPlotStyle.NewPlot();
        var depths = series.Count == 0 ? 1 : series.Max(s => s.ByDepth.Count);
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var color = ReportPlotStyle.Categorical(i / 2 % 10);
            double[] xs = [.. Enumerable.Range(0, s.ByDepth.Count).Select(d => (double)d)];
            ReportPlotStyle.AddStandardErrorBand(plot, xs, s.ByDepth, color, 0, 1);
            var scored = Enumerable.Range(0, s.ByDepth.Count).Where(d => s.ByDepth[d] is { } st && double.IsFinite(st.Mean)).ToArray();
            if (scored.Length == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(scored.Select(d => (double)d).ToArray(), scored.Select(d => s.ByDepth[d]!.Mean).ToArray(), color);
            line.LinePattern = s.Dashed ? LinePattern.Dashed : LinePattern.Solid;
            line.LegendText = s.Label;
        }

        var chance = plot.Add.HorizontalLine(0.5, 1, ReportPlotStyle.NeutralColor, LinePattern.Dotted);
        chance.LegendText = "chance";
        plot.Axes.SetLimits(-0.2, Math.Max(1, depths - 1) + 0.2, 0, 1.02);
        plot.Title(title);
        plot.XLabel("depth (0 = embeddings, k = after block k)");
        plot.YLabel("held-out AUROC");
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        return plot;
    }

    /// <summary>Writes the plot as a PNG file.</summary>
    public static void SavePng(string title, IReadOnlyList<ProbeAurocSeries> series, string path)
    {
        using var plot = Create(title, series);
        File.WriteAllBytes(path, ReportPlotStyle.Png(plot, Width, Height));
    }
}
