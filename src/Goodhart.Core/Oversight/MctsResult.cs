namespace Goodhart.Core.Oversight;

/// <summary>One search of <see cref="MctsDebater"/>: the move it plays and the statistics of every move it considered.</summary>
/// <param name="Move">The pixel to reveal: the most visited move (ties: the higher value, then the better one move ahead).</param>
/// <param name="Value">The search's value of the position for the side to move: the chosen move's share of wins.</param>
/// <param name="Moves">Every move considered at the root, best one move ahead first.</param>
public sealed record MctsResult(int Move, double Value, IReadOnlyList<MctsMoveStats> Moves);
