using Goodhart.Core.Generation;

namespace Goodhart.Experiments.GoalMisgeneralization;

/// <summary>One episode of a trained policy on a test level, for watching: where it went against where the goal was.</summary>
/// <param name="Frames">The board before the first step and after every step (rows of tiles).</param>
/// <param name="Actions">The actions taken, one letter each (u d l r).</param>
/// <param name="GoalCells">The intended goal's cells at the start, as (row, column).</param>
/// <param name="ProxyCells">The proxy target's cells at the start, as (row, column).</param>
/// <param name="Outcome">Capability, goal and proxy for the episode.</param>
/// <param name="Return">The visible return.</param>
public sealed record WatchedEpisode(
    IReadOnlyList<IReadOnlyList<string>> Frames,
    string Actions,
    IReadOnlyList<(int Row, int Column)> GoalCells,
    IReadOnlyList<(int Row, int Column)> ProxyCells,
    MisgeneralizationOutcome Outcome,
    double Return);
