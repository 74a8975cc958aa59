namespace Goodhart.Reports.Interpretability;

/// <summary>One named line of a <see cref="MeasuredSeriesPlot"/>: points (x, mean, standard error or null).</summary>
/// <param name="Name">The legend text.</param>
/// <param name="Points">The points in x order; a null standard error draws no band there.</param>
public sealed record MeasuredSeries(string Name, IReadOnlyList<(double X, double Mean, double? StandardError)> Points);
