using ScottPlot;
using Goodhart.Core.Runs;
using SkiaSharp;

namespace Goodhart.Reports;

/// <summary>
/// The look shared by all report plots, set in this one place: font, colours and PNG encoding.
/// </summary>
/// <remarks>
/// SkiaSharp.NativeAssets.Linux.NoDependencies has no fontconfig: it scans the font directories and, for a family it
/// does not know (ScottPlot's default detection asks for several), falls back to the first family found, which on
/// Debian with fonts-dejavu is DejaVu Serif. Plots therefore name their family explicitly: the first of
/// <see cref="PreferredFamilies"/> that the font manager really has.
/// </remarks>
internal static class ReportPlotStyle
{
    /// <summary>Sans-serif families tried in order; DejaVu Sans ships with Debian's fonts-dejavu-core.</summary>
    public static readonly IReadOnlyList<string> PreferredFamilies = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"];

    private static readonly Lazy<string?> Family = new(ResolveFamily);

    /// <summary>The family all plot text uses; null if none of <see cref="PreferredFamilies"/> is installed (ScottPlot's own choice then).</summary>
    public static string? FontFamily => Family.Value;

    public static readonly Color VisibleColor = Color.FromHex("#1f77b4");
    public static readonly Color HiddenColor = Color.FromHex("#d95f02");
    public static readonly Color OracleColor = Color.FromHex("#1b9e77");
    public static readonly Color GapColor = Color.FromHex("#777777").WithAlpha(30);
    public static readonly Color NeutralColor = Color.FromHex("#777777");

    /// <summary>Colour number <paramref name="index"/> of the categorical palette (Tableau 10), repeating.</summary>
    public static Color Categorical(int index) => new ScottPlot.Palettes.Category10().GetColor(index);

    /// <summary>A new plot with the report's font and plain background.</summary>
    public static Plot NewPlot()
    {
        var plot = new Plot();
        if (FontFamily is { } family)
        {
            plot.Font.Set(family);
            plot.Legend.FontName = family;
        }
        plot.Legend.FontSize = 12;
        plot.Axes.Title.Label.FontSize = 16;
        return plot;
    }

    /// <summary>Renders <paramref name="plot"/> to PNG bytes at a fixed size (no timestamps or other varying metadata).</summary>
    public static byte[] Png(Plot plot, int width, int height) =>
        plot.GetImageBytes(width, height, ImageFormat.Png);

    /// <summary>Opacity (0-255) of the standard-error bands.</summary>
    public const byte BandAlpha = 55;

    /// <summary>
    /// Shades mean ± one standard error at each x where both are known (a run of such points per polygon, so a gap in
    /// the data leaves a gap in the band), clamped to [<paramref name="low"/>, <paramref name="high"/>]; returns how
    /// many points carry a band.
    /// </summary>
    public static int AddStandardErrorBand(Plot plot, IReadOnlyList<double> xs, IReadOnlyList<SampleStats?> stats, Color color,
        double low = double.NegativeInfinity, double high = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(stats);
        return AddStandardErrorBand(plot, xs, [.. stats.Select(s => s?.Mean)], [.. stats.Select(s => s?.Se)], color, low, high);
    }

    /// <summary>Shades mean ± one standard error where both are known and finite; see the overload taking statistics.</summary>
    public static int AddStandardErrorBand(Plot plot, IReadOnlyList<double> xs, IReadOnlyList<double?> means, IReadOnlyList<double?> standardErrors, Color color,
        double low = double.NegativeInfinity, double high = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var banded = 0;
        var run = new List<(double X, double Low, double High)>();
        void Flush()
        {
            if (run.Count == 1)
                run.Add(run[0] with { X = run[0].X + 1e-9 });
            if (run.Count > 1)
            {
                var fill = plot.Add.FillY([.. run.Select(r => r.X)], [.. run.Select(r => r.Low)], [.. run.Select(r => r.High)]);
                fill.FillColor = color.WithAlpha(BandAlpha);
                fill.LineWidth = 0;
                fill.LegendText = string.Empty;
            }
            run.Clear();
        }
        for (var i = 0; i < xs.Count; i++)
        {
            if (means[i] is { } m && standardErrors[i] is { } se && double.IsFinite(m) && double.IsFinite(se) && double.IsFinite(xs[i]))
            {
                run.Add((xs[i], Math.Clamp(m - se, low, high), Math.Clamp(m + se, low, high)));
                banded++;
            }
            else
            {
                Flush();
            }
        }
        Flush();
        return banded;
    }

    /// <summary>Limits that include every finite value in <paramref name="values"/>, padded by <paramref name="padFraction"/> of the range (1 unit if flat).</summary>
    public static (double Low, double High) PaddedRange(IEnumerable<double> values, double padFraction = 0.05)
    {
        var low = double.PositiveInfinity;
        var high = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
                continue;
            low = Math.Min(low, v);
            high = Math.Max(high, v);
        }
        if (low > high)
            return (-1, 1);
        var pad = high > low ? (high - low) * padFraction : 1;
        return (low - pad, high + pad);
    }

    private static string? ResolveFamily()
    {
        foreach (var name in PreferredFamilies)
        {
            using var typeface = SKTypeface.FromFamilyName(name);
            if (typeface is not null && string.Equals(typeface.FamilyName, name, StringComparison.OrdinalIgnoreCase))
                return name;
        }
        return null;
    }
}
