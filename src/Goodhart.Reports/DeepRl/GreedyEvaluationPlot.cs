using System.Globalization;
using Goodhart.Core.Runs;

namespace Goodhart.Reports.DeepRl;

/// <summary>
/// One deep run's periodic greedy evaluations against env steps: the greedy return (solid) and hidden performance
/// (dashed), each point the mean over that evaluation's greedy episodes (n in the axis label when known), with the
/// oracle's performance as a reference line. Drawn by <c>goodhart report RUN</c> and by the workbench's run browser.
/// </summary>
public static class GreedyEvaluationPlot
{
    /// <summary>The plot's PNG bytes.</summary>
    public static byte[] RenderPng(GreedyEvaluations greedy, double? oracle)
    {
        ArgumentNullException.ThrowIfNull(greedy);
        var n = greedy.Episodes is { } e ? $" ({e.ToString(CultureInfo.InvariantCulture)} episodes each)" : "";
        return SeedCurvesPlot.RenderPng("greedy evaluation during training", "env steps", $"mean per greedy episode{n}",
            [Curve("greedy return", greedy.Return, dashed: false), Curve("greedy performance", greedy.Performance, dashed: true)],
            oracle is { } o ? [("oracle performance", o)] : []);
    }

    /// <summary>Writes <see cref="RenderPng"/>'s plot to <paramref name="path"/>.</summary>
    public static void SavePng(GreedyEvaluations greedy, double? oracle, string path) => File.WriteAllBytes(path, RenderPng(greedy, oracle));

    private static SeedCurve Curve(string label, IReadOnlyList<MetricPoint> points, bool dashed)
    {
        var finite = points.Where(p => double.IsFinite(p.Value)).OrderBy(p => p.Step).ToList();
        return new SeedCurve(label, [.. finite.Select(p => (double)p.Step)], [.. finite.Select(p => SampleStats.Of([p.Value]))], 0, dashed);
    }
}
