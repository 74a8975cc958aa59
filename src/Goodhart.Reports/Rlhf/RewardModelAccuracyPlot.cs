using ScottPlot;

namespace Goodhart.Reports.Rlhf;

/// <summary>Bars of each scorer's held-out accuracy against the rater's labels and against gold, with the rater's own agreement with gold as a line.</summary>
public static class RewardModelAccuracyPlot
{
    /// <summary>PNG width in pixels.</summary>
    public const int Width = 900;

    /// <summary>PNG height in pixels.</summary>
    public const int Height = 420;

    /// <summary>Builds the plot (the caller disposes it).</summary>
    public static Plot Create(string title, IReadOnlyList<RewardModelAccuracy> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var plot = ReportPlotStyle.NewPlot();
        var vsRater = new List<Bar>();
        var vsGold = new List<Bar>();
        var ticks = new List<Tick>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            vsRater.Add(new Bar { Position = (3 * i) + 0.6, Value = Finite(r.Accuracy), FillColor = ReportPlotStyle.VisibleColor });
            vsGold.Add(new Bar { Position = (3 * i) + 1.4, Value = Finite(r.GoldAccuracy), FillColor = ReportPlotStyle.HiddenColor });
            ticks.Add(new Tick((3 * i) + 1, rows.Count > 1 && rows.Select(x => x.Rater).Distinct().Count() > 1 ? $"{r.Scorer} ({r.Rater})" : r.Scorer));
        }
        plot.Add.Bars(vsRater).LegendText = "accuracy vs the rater's labels";
        plot.Add.Bars(vsGold).LegendText = "accuracy vs gold";
        if (rows.Count > 0 && double.IsFinite(rows[0].RaterGoldAccuracy))
        {
            var line = plot.Add.HorizontalLine(rows[0].RaterGoldAccuracy, 1.5f, ReportPlotStyle.OracleColor, LinePattern.Dashed);
            line.LegendText = "the rater's own choices vs gold";
        }
        var chance = plot.Add.HorizontalLine(0.5, 1, ReportPlotStyle.NeutralColor, LinePattern.Dotted);
        chance.LegendText = "chance";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.SetLimits(-0.5, Math.Max(1, 3 * rows.Count) - 0.5, 0, 1.05);
        plot.Title(title);
        plot.YLabel("held-out accuracy");
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        return plot;
    }

    /// <summary>Writes the plot as a PNG file.</summary>
    public static void SavePng(string title, IReadOnlyList<RewardModelAccuracy> rows, string path)
    {
        using var plot = Create(title, rows);
        File.WriteAllBytes(path, ReportPlotStyle.Png(plot, Width, Height));
    }

    private static double Finite(double x) => double.IsFinite(x) ? x : 0;
}
