using ScottPlot;

namespace Goodhart.Reports.Rlhf;

/// <summary>
/// Gold score against d = sqrt(KL) for several runs on one plot (one line per method, each point with a band of one
/// standard error where the run stored it), to compare how far each method gets before gold turns.
/// </summary>
public static class RlhfGoldOverviewPlot
{
    /// <summary>PNG width in pixels.</summary>
    public const int Width = 960;

    /// <summary>PNG height in pixels.</summary>
    public const int Height = 500;

    /// <summary>Builds the plot (the caller disposes it).</summary>
    public static Plot Create(string title, IReadOnlyList<RlhfCurve> curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var plot = ReportPlotStyle.NewPlot();
        for (var i = 0; i < curves.Count; i++)
        {
            var c = curves[i];
            ReportPlotStyle.AddStandardErrorBand(plot, [.. c.Points.Select(p => p.D)], [.. c.Points.Select(p => (double?)p.Gold)], [.. c.Points.Select(p => p.GoldSe)], ReportPlotStyle.Categorical(i));
            var line = plot.Add.Scatter(c.Points.Select(p => p.D).ToArray(), c.Points.Select(p => p.Gold).ToArray(), ReportPlotStyle.Categorical(i));
            line.LineWidth = 2;
            line.MarkerSize = 5;
            line.LegendText = c.Label;
        }
        var ds = curves.SelectMany(c => c.Points).Select(p => p.D).ToArray();
        var maxD = ds.Length == 0 ? 1 : Math.Max(ds.Max(), 1e-3);
        var (low, high) = ReportPlotStyle.PaddedRange(curves.SelectMany(c => c.Points).SelectMany(p => new[] { p.Gold, p.Gold - (p.GoldSe ?? 0), p.Gold + (p.GoldSe ?? 0) }));
        plot.Axes.SetLimits(-0.02 * maxD, maxD * 1.05, low, high);
        plot.Title(title);
        plot.XLabel("d = sqrt(KL to the reference policy)");
        plot.YLabel("mean gold score \u00b1 SE");
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        return plot;
    }

    /// <summary>Writes the plot as a PNG file.</summary>
    public static void SavePng(string title, IReadOnlyList<RlhfCurve> curves, string path)
    {
        using var plot = Create(title, curves);
        File.WriteAllBytes(path, ReportPlotStyle.Png(plot, Width, Height));
    }
}
