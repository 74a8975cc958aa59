using System.Globalization;
using ScottPlot;

namespace Goodhart.Reports.GoalMisgeneralization;

/// <summary>
/// Test behaviour against the share of decorrelated training levels (Langosco et al. 2022, their Figure 3 shape):
/// one line per measure (capability, intended goal, proxy target) with a band of ± one standard error over seeds.
/// The swept shares are evenly spaced on the x axis and labelled with their values (0% cannot sit on a log axis).
/// </summary>
public static class ShareSweepPlot
{
    /// <summary>PNG width in pixels.</summary>
    public const int Width = 760;

    /// <summary>PNG height in pixels.</summary>
    public const int Height = 480;

    /// <summary>Builds the plot (the caller disposes it).</summary>
    /// <param name="title">The plot's title.</param>
    /// <param name="shares">The swept decorrelation shares (0 to 1), in order.</param>
    /// <param name="series">The measures, each with one point per share.</param>
    public static Plot Create(string title, IReadOnlyList<double> shares, IReadOnlyList<ShareSweepSeries> series)
    {
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentNullException.ThrowIfNull(series);
        var plot = ReportPlotStyle.NewPlot();
        var xs = Enumerable.Range(0, shares.Count).Select(i => (double)i).ToArray();
        for (var s = 0; s < series.Count; s++)
        {
            var color = ReportPlotStyle.Categorical(s);
            var points = series[s].Points;
            ReportPlotStyle.AddStandardErrorBand(plot, xs, points, color, 0, 1);
            var shown = Enumerable.Range(0, Math.Min(xs.Length, points.Count)).Where(i => points[i] is { } p && double.IsFinite(p.Mean)).ToList();
            var line = plot.Add.Scatter(shown.Select(i => xs[i]).ToArray(), shown.Select(i => points[i]!.Mean).ToArray(), color);
            line.LineWidth = 2;
            line.MarkerSize = 8;
            line.LegendText = series[s].Label;
        }
        plot.Axes.Bottom.SetTicks(xs, [.. shares.Select(v => (v * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%")]);
        plot.Axes.SetLimits(-0.3, Math.Max(1, xs.Length - 1) + 0.3, -0.02, 1.02);
        plot.Title(title);
        plot.XLabel("share of training levels with goal and proxy apart");
        plot.YLabel("share of test episodes");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>Writes the plot as a PNG file.</summary>
    public static void SavePng(string title, IReadOnlyList<double> shares, IReadOnlyList<ShareSweepSeries> series, string path)
    {
        using var plot = Create(title, shares, series);
        File.WriteAllBytes(path, ReportPlotStyle.Png(plot, Width, Height));
    }
}
