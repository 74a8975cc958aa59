namespace Goodhart.Experiments.Running;

/// <summary>One event of a recipe run, for progress displays.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="CellId">The cell.</param>
/// <param name="Label">The cell's grid point and seed as one line.</param>
/// <param name="Progress">The cell's progress (1 when finished or skipped).</param>
/// <param name="Total">Cells in the run.</param>
public sealed record CellEvent(CellEventKind Kind, string CellId, string Label, CellProgress Progress, int Total);
