using System.Globalization;

namespace Goodhart.Experiments.Running;

/// <summary>How results are printed: invariant culture, up to three decimals, "n/a" for what was not measured.</summary>
public static class ResultsFormat
{
    /// <summary>A number, or "n/a" when not finite.</summary>
    public static string Number(double x) => double.IsFinite(x) ? x.ToString("0.###", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>Mean ± standard error (just the mean below two values).</summary>
    public static string MeanSe(ResultRow row) =>
        row.StandardError is { } se && double.IsFinite(row.Mean) ? $"{Number(row.Mean)} ± {Number(se)}" : Number(row.Mean);

    /// <summary>The stamp as one paragraph.</summary>
    public static string StampLine(RunStamp s) => string.Create(CultureInfo.InvariantCulture,
        $"recipe `{s.Recipe}` (sha256 {s.RecipeHash}, kind {s.Kind}{(s.Scale is null ? "" : $", scale {s.Scale}")}" +
        $"{(s.Overrides.Count == 0 ? "" : $", --set {string.Join(" ", s.Overrides)}")}), seeds {string.Join(" ", s.Seeds)}; " +
        $"code version `{s.CodeVersion}`; {s.Cores} cores, {s.Os}, .NET {s.Runtime}; {s.Jobs} jobs; " +
        $"{s.Cells} cells ({s.CellsRun} run, {s.CellsSkipped} reused); wall time {s.WallSeconds:0.0} s");
}
