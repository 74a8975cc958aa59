namespace Goodhart.Reports.ValueLearning;

/// <summary>A surface to draw as a heatmap: <c>Values[i, j]</c> is the value at (<c>Xs[j]</c>, <c>Ys[i]</c>), on evenly spaced axes.</summary>
/// <param name="Title">Plot title.</param>
/// <param name="XLabel">Horizontal axis label.</param>
/// <param name="YLabel">Vertical axis label.</param>
/// <param name="ValueLabel">What the colour shows.</param>
/// <param name="Xs">The horizontal grid (ascending, evenly spaced).</param>
/// <param name="Ys">The vertical grid (ascending, evenly spaced).</param>
/// <param name="Values">The surface, rows along <paramref name="Ys"/>.</param>
public sealed record HeatmapData(string Title, string XLabel, string YLabel, string ValueLabel, IReadOnlyList<double> Xs, IReadOnlyList<double> Ys, double[,] Values);
