using ScottPlot;

namespace Goodhart.Reports;

/// <summary>
/// Several runs' end points: final visible objective (x) against final hidden objective (y), one colour per agent,
/// with the diagonal where they are equal; points below it are runs whose visible score overstates the intended one.
/// </summary>
public static class FinalObjectivesPlot
{
    /// <summary>PNG width in pixels.</summary>
    public const int Width = 760;

    /// <summary>PNG height in pixels.</summary>
    public const int Height = 600;

    /// <summary>At most this many points get their label written beside them (more would be unreadable).</summary>
    public const int MaxLabelledPoints = 12;

    /// <summary>Builds the plot (the caller disposes it).</summary>
    public static Plot Create(IReadOnlyList<FinalObjectivesPoint> points, ObjectiveLabels labels, string title = "Final return vs final performance")
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        var plot = ReportPlotStyle.NewPlot();
        var shown = points.Where(p => double.IsFinite(p.Visible) && double.IsFinite(p.Hidden)).ToList();
        var (low, high) = ReportPlotStyle.PaddedRange(shown.SelectMany(p => new[] { p.Visible, p.Hidden }), padFraction: 0.1);

        var diagonal = plot.Add.Line(low, low, high, high);
        diagonal.LineColor = ReportPlotStyle.NeutralColor;
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LineWidth = 1.5f;
        diagonal.LegendText = $"{labels.Hidden} = {labels.Visible}";

        var groups = shown.Select(p => p.Group).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        for (var g = 0; g < groups.Count; g++)
        {
            var members = shown.Where(p => p.Group == groups[g]).ToList();
            var markers = plot.Add.Markers(
                members.Select(p => p.Visible).ToArray(),
                members.Select(p => p.Hidden).ToArray(),
                MarkerShape.FilledCircle,
                11,
                ReportPlotStyle.Categorical(g));
            markers.LegendText = groups[g];
        }
        if (shown.Count <= MaxLabelledPoints)
        {
            foreach (var p in shown)
            {
                var text = plot.Add.Text(p.Label, p.Visible, p.Hidden);
                text.LabelFontSize = 11;
                text.LabelFontColor = Colors.Black.WithAlpha(170);
                text.LabelOffsetX = 8;
                text.LabelOffsetY = -8;
                if (ReportPlotStyle.FontFamily is { } family)
                    text.LabelFontName = family;
            }
        }

        plot.Axes.SetLimits(low, high, low, high);
        plot.Title(title);
        plot.XLabel($"final {labels.Visible} (visible)");
        plot.YLabel($"final {labels.Hidden} (hidden)");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>The plot as PNG bytes (<see cref="Width"/> x <see cref="Height"/>).</summary>
    public static byte[] RenderPng(IReadOnlyList<FinalObjectivesPoint> points, ObjectiveLabels labels, string title = "Final return vs final performance")
    {
        using var plot = Create(points, labels, title);
        return ReportPlotStyle.Png(plot, Width, Height);
    }

    /// <summary>Writes the plot as a PNG file.</summary>
    public static void SavePng(IReadOnlyList<FinalObjectivesPoint> points, ObjectiveLabels labels, string path, string title = "Final return vs final performance") =>
        File.WriteAllBytes(path, RenderPng(points, labels, title));
}
