using Goodhart.Core.Runs;

namespace Goodhart.Experiments;

/// <summary>What one cell of a recipe runs with.</summary>
/// <param name="CellId">Stable id of the cell (a hash of kind, configuration and seed): the same cell in a rerun has the same id.</param>
/// <param name="Seed">The cell's seed; every random stream of the cell derives from it.</param>
/// <param name="Store">The run store the cell's runs go to.</param>
/// <param name="WorkDirectory">The cell's own folder for checkpoints and intermediate files; it survives interruption, so a rerun resumes from it.</param>
/// <param name="Progress">Where the cell reports progress (a fraction in [0, 1] and a short status line).</param>
/// <param name="Cancellation">Cancelled on Ctrl-C / SIGTERM; the cell stops, marks its runs cancelled and leaves its checkpoints.</param>
public sealed record ExperimentContext(
    string CellId,
    ulong Seed,
    RunStore Store,
    string WorkDirectory,
    IProgress<CellProgress> Progress,
    CancellationToken Cancellation);
