namespace Goodhart.Experiments;

/// <summary>
/// What one cell produced: the runs it stored, and named scalar results (e.g. <c>final/return</c>,
/// <c>final/performance</c>, <c>bon/gold_fall</c>) that the runner aggregates over seeds into the recipe's results
/// table (mean, standard error, n). Metric names come from the kind's declared names, not ad-hoc strings.
/// </summary>
/// <param name="RunIds">Ids of the runs the cell stored.</param>
/// <param name="Values">Named scalar results of the cell (NaN where not measured).</param>
public sealed record CellResult(IReadOnlyList<string> RunIds, IReadOnlyDictionary<string, double> Values);
