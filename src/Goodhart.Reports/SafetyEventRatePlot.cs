using ScottPlot;

namespace Goodhart.Reports;

/// <summary>
/// Safety-event rates over training: for each event, the fraction of episodes in a trailing window in which it
/// occurred at least once, one line per event with a band of one standard error on either side.
/// </summary>
public static class SafetyEventRatePlot
{
    /// <summary>PNG width in pixels.</summary>
    public const int Width = 960;

    /// <summary>PNG height in pixels.</summary>
    public const int Height = 400;

    /// <summary>Builds the plot (the caller disposes it).</summary>
    public static Plot Create(SafetyEventRateData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Events.Count != data.Progress.Count)
            throw new ArgumentException("Progress and Events must have the same length.", nameof(data));

        var plot = ReportPlotStyle.NewPlot();
        var xs = data.Progress.ToArray();
        var names = data.EventNames();
        for (var i = 0; i < names.Count; i++)
        {
            ReportPlotStyle.AddStandardErrorBand(plot, xs, data.RateStats(names[i]), ReportPlotStyle.Categorical(i), low: 0, high: 1);
            var line = plot.Add.ScatterLine(xs, data.Rate(names[i]), ReportPlotStyle.Categorical(i));
            line.LineWidth = 2;
            line.LegendText = names[i];
        }
        if (names.Count == 0)
            plot.Add.Annotation("no safety events occurred", Alignment.MiddleCenter);

        var (left, right) = xs.Length == 0 ? (0.0, 1.0) : (xs.Min(), Math.Max(xs.Max(), xs.Min() + 1));
        plot.Axes.SetLimits(left, right, -0.03, 1.03);
        plot.Title(data.Title);
        plot.XLabel(data.ProgressLabel);
        plot.YLabel($"fraction of last {data.Window} episodes");
        if (names.Count > 0)
        {
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.Orientation = Orientation.Horizontal;
        }
        return plot;
    }

    /// <summary>The plot as PNG bytes (<see cref="Width"/> x <see cref="Height"/>).</summary>
    public static byte[] RenderPng(SafetyEventRateData data)
    {
        using var plot = Create(data);
        return ReportPlotStyle.Png(plot, Width, Height);
    }

    /// <summary>Writes the plot as a PNG file.</summary>
    public static void SavePng(SafetyEventRateData data, string path) => File.WriteAllBytes(path, RenderPng(data));
}
