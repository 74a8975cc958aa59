using Goodhart.Core.Runs;

namespace Goodhart.Reports.DeepRl;

/// <summary>One line of a <see cref="SeedCurvesPlot"/>: a mean over seeds at each x with its standard error.</summary>
/// <param name="Label">Legend text (agent and objective).</param>
/// <param name="Xs">Positions on the pressure axis (env steps).</param>
/// <param name="Points">Mean, SD and n over seeds at each x (null where no seed has a value).</param>
/// <param name="ColorIndex">Index into the report's categorical palette (same agent, same colour).</param>
/// <param name="Dashed">Dashed line (the hidden performance), solid otherwise (the visible return).</param>
public sealed record SeedCurve(string Label, IReadOnlyList<double> Xs, IReadOnlyList<SampleStats?> Points, int ColorIndex, bool Dashed);
