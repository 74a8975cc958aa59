using System.Globalization;
using ScottPlot;

namespace Goodhart.Reports.Oversight;

/// <summary>Grouped bars of means with ± one standard error whiskers and n in the legend: the oversight reports' figures.</summary>
public static class MeanBarsPlot
{
    /// <summary>PNG width in pixels.</summary>
    public const int Width = 900;

    /// <summary>PNG height in pixels.</summary>
    public const int Height = 440;

    /// <summary>Builds the plot (the caller disposes it).</summary>
    public static Plot Create(string title, string yLabel, IReadOnlyList<MeanBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var plot = ReportPlotStyle.NewPlot();
        var groups = bars.Select(b => b.Group).Distinct(StringComparer.Ordinal).ToList();
        var series = bars.Select(b => b.Series).Distinct(StringComparer.Ordinal).ToList();
        var slot = series.Count + 1.0;
        for (var s = 0; s < series.Count; s++)
        {
            var list = new List<Bar>();
            foreach (var bar in bars.Where(b => b.Series == series[s]))
            {
                list.Add(new Bar
                {
                    Position = groups.IndexOf(bar.Group) * slot + s + 0.5,
                    Value = double.IsFinite(bar.Mean) ? bar.Mean : 0,
                    Error = double.IsFinite(bar.Se) ? bar.Se : 0,
                    FillColor = ReportPlotStyle.Categorical(s),
                });
            }
            var n = bars.Where(b => b.Series == series[s]).Select(b => b.N).DefaultIfEmpty(0).Max();
            plot.Add.Bars(list).LegendText = string.Create(CultureInfo.InvariantCulture, $"{series[s]} (n = {n})");
        }
        var ticks = groups.Select((g, i) => new Tick(i * slot + (series.Count - 1) / 2.0 + 0.5, g)).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        var low = Math.Min(0, bars.Where(b => double.IsFinite(b.Mean)).Select(b => b.Mean - (double.IsFinite(b.Se) ? b.Se : 0)).DefaultIfEmpty(0).Min());
        var high = Math.Max(1, bars.Where(b => double.IsFinite(b.Mean)).Select(b => b.Mean + (double.IsFinite(b.Se) ? b.Se : 0)).DefaultIfEmpty(1).Max());
        plot.Axes.SetLimits(-0.5, Math.Max(1, groups.Count * slot) - 0.5, low, high * 1.05);
        plot.Title(title);
        plot.YLabel(yLabel);
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        return plot;
    }

    /// <summary>Writes the plot as a PNG file.</summary>
    public static void SavePng(string title, string yLabel, IReadOnlyList<MeanBar> bars, string path)
    {
        using var plot = Create(title, yLabel, bars);
        File.WriteAllBytes(path, ReportPlotStyle.Png(plot, Width, Height));
    }
}
