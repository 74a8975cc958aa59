using ScottPlot;

namespace Goodhart.Reports.ValueLearning;

/// <summary>A surface as a heatmap with a colour bar and a dashed zero contour (where the sign changes between cells).</summary>
public static class HeatmapPlot
{
    /// <summary>PNG width in pixels.</summary>
    public const int Width = 760;

    /// <summary>PNG height in pixels.</summary>
    public const int Height = 600;

    /// <summary>The heatmap as PNG bytes.</summary>
    public static byte[] RenderPng(HeatmapData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int rows = data.Ys.Count, columns = data.Xs.Count;
        if (rows < 2 || columns < 2 || data.Values.GetLength(0) != rows || data.Values.GetLength(1) != columns)
            throw new ArgumentException("The surface needs at least 2 x 2 values matching its axes.", nameof(data));
        using var plot = ReportPlotStyle.NewPlot();
        // ScottPlot draws row 0 at the top: flip so that the first y is at the bottom.
        var flipped = new double[rows, columns];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++)
                flipped[rows - 1 - i, j] = data.Values[i, j];
        var heatmap = plot.Add.Heatmap(flipped);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        double dx = (data.Xs[^1] - data.Xs[0]) / (columns - 1), dy = (data.Ys[^1] - data.Ys[0]) / (rows - 1);
        heatmap.Extent = new CoordinateRect(data.Xs[0] - dx / 2, data.Xs[^1] + dx / 2, data.Ys[0] - dy / 2, data.Ys[^1] + dy / 2);
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = data.ValueLabel;
        AddZeroContour(plot, data, dx, dy);
        plot.Title(data.Title);
        plot.XLabel(data.XLabel);
        plot.YLabel(data.YLabel);
        return ReportPlotStyle.Png(plot, Width, Height);
    }

    /// <summary>Marks cell borders across which the value changes sign (a coarse zero contour).</summary>
    private static void AddZeroContour(Plot plot, HeatmapData data, double dx, double dy)
    {
        var v = data.Values;
        for (var i = 0; i < data.Ys.Count; i++)
        {
            for (var j = 0; j < data.Xs.Count; j++)
            {
                if (j + 1 < data.Xs.Count && Math.Sign(v[i, j]) != Math.Sign(v[i, j + 1]))
                {
                    var x = data.Xs[j] + dx / 2;
                    Segment(plot, x, data.Ys[i] - dy / 2, x, data.Ys[i] + dy / 2);
                }
                if (i + 1 < data.Ys.Count && Math.Sign(v[i, j]) != Math.Sign(v[i + 1, j]))
                {
                    var y = data.Ys[i] + dy / 2;
                    Segment(plot, data.Xs[j] - dx / 2, y, data.Xs[j] + dx / 2, y);
                }
            }
        }
    }

    private static void Segment(Plot plot, double x1, double y1, double x2, double y2)
    {
        var line = plot.Add.Line(x1, y1, x2, y2);
        line.LineColor = Colors.White;
        line.LineWidth = 2;
    }
}
