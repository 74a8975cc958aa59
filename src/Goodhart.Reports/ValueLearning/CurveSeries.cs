namespace Goodhart.Reports.ValueLearning;

/// <summary>One line of a <see cref="CurvesPlot"/>: means with standard errors (null where there is none) along x.</summary>
/// <param name="Label">Legend text.</param>
/// <param name="Xs">Positions along the horizontal axis.</param>
/// <param name="Means">The means.</param>
/// <param name="StandardErrors">One standard error of each mean (null: no band there).</param>
public sealed record CurveSeries(string Label, IReadOnlyList<double> Xs, IReadOnlyList<double> Means, IReadOnlyList<double?> StandardErrors);
