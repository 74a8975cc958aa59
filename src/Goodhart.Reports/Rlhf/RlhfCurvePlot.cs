using ScottPlot;

namespace Goodhart.Reports.Rlhf;

/// <summary>
/// The RLHF Goodhart curve of one run: proxy and gold score against d = sqrt(KL), each point with a band of one
/// standard error on either side (where the run stored it), the fitted gold curve (baseline plus Gao et al.'s form,
/// its legend saying when the fit is unreliable) and the observed gold peak marked, and the fitted peak only when the
/// fit is reliable.
/// </summary>
public static class RlhfCurvePlot
{
    /// <summary>PNG width in pixels.</summary>
    public const int Width = 900;

    /// <summary>PNG height in pixels.</summary>
    public const int Height = 460;

    /// <summary>Builds the plot (the caller disposes it).</summary>
    public static Plot Create(RlhfCurve curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var plot = ReportPlotStyle.NewPlot();
        var xs = curve.Points.Select(p => p.D).ToArray();
        var values = new List<double>();
        if (curve.HasProxy)
        {
            var withProxy = curve.Points.Where(p => p.Proxy is not null).ToArray();
            ReportPlotStyle.AddStandardErrorBand(plot, [.. withProxy.Select(p => p.D)], [.. withProxy.Select(p => p.Proxy)], [.. withProxy.Select(p => p.ProxySe)], ReportPlotStyle.VisibleColor);
            values.AddRange(withProxy.Where(p => p.ProxySe is not null).SelectMany(p => new[] { p.Proxy!.Value - p.ProxySe!.Value, p.Proxy!.Value + p.ProxySe!.Value }));
            var proxy = plot.Add.Scatter(withProxy.Select(p => p.D).ToArray(), withProxy.Select(p => p.Proxy!.Value).ToArray(), ReportPlotStyle.VisibleColor);
            proxy.LineWidth = 2;
            proxy.MarkerSize = 6;
            proxy.LegendText = withProxy.Any(p => p.ProxySe is not null) ? "proxy (what was optimised) \u00b1 SE" : "proxy (what was optimised)";
            values.AddRange(withProxy.Select(p => p.Proxy!.Value));
        }

        var goldYs = curve.Points.Select(p => p.Gold).ToArray();
        var goldBands = ReportPlotStyle.AddStandardErrorBand(plot, xs, [.. curve.Points.Select(p => (double?)p.Gold)], [.. curve.Points.Select(p => p.GoldSe)], ReportPlotStyle.HiddenColor);
        values.AddRange(curve.Points.Where(p => p.GoldSe is not null).SelectMany(p => new[] { p.Gold - p.GoldSe!.Value, p.Gold + p.GoldSe!.Value }));
        var gold = plot.Add.Scatter(xs, goldYs, ReportPlotStyle.HiddenColor);
        gold.LineWidth = 2;
        gold.MarkerSize = 6;
        gold.LegendText = goldBands > 0 ? "gold (what was wanted) \u00b1 SE" : "gold (what was wanted)";
        values.AddRange(goldYs);

        var fit = curve.Fit();
        var maxD = xs.Length == 0 ? 1 : Math.Max(xs.Max(), 1e-3);
        if (fit is not null)
        {
            var fx = Enumerable.Range(0, 101).Select(i => maxD * i / 100.0).ToArray();
            var fy = fx.Select(d => curve.BaselineGold + fit.Predict(d)).ToArray();
            var line = plot.Add.ScatterLine(fx, fy, ReportPlotStyle.HiddenColor.WithAlpha(140));
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 1.5f;
            line.LegendText = FormattableString.Invariant($"fit {fit}");
            values.AddRange(fy);
            if (fit.IsReliable && fit.PeakD is { } peakD)
            {
                var marker = plot.Add.Marker(peakD, curve.BaselineGold + fit.PeakValue!.Value, MarkerShape.OpenDiamond, 14, ReportPlotStyle.HiddenColor);
                marker.LegendText = "fitted gold peak";
            }
        }

        var peak = curve.GoldPeak;
        var observed = plot.Add.Marker(peak.D, peak.Gold, MarkerShape.FilledDiamond, 12, ReportPlotStyle.OracleColor);
        observed.LegendText = FormattableString.Invariant($"observed gold peak (step {peak.Step})");
        var baseline = plot.Add.HorizontalLine(curve.BaselineGold, 1, ReportPlotStyle.NeutralColor, LinePattern.Dotted);
        baseline.LegendText = "gold at d = 0";

        var (low, high) = ReportPlotStyle.PaddedRange(values.Append(curve.BaselineGold));
        plot.Axes.SetLimits(-0.02 * maxD, maxD * 1.05, low, high);
        plot.Title(curve.Label);
        plot.XLabel("d = sqrt(KL to the reference policy)");
        plot.YLabel("mean score");
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        return plot;
    }

    /// <summary>Writes the plot as a PNG file.</summary>
    public static void SavePng(RlhfCurve curve, string path)
    {
        using var plot = Create(curve);
        File.WriteAllBytes(path, ReportPlotStyle.Png(plot, Width, Height));
    }
}
