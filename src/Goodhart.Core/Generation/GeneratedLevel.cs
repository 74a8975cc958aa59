namespace Goodhart.Core.Generation;

/// <summary>One level a generator drew: its map (as a level file writes it) and whether goal and proxy came apart in it.</summary>
/// <param name="Rows">The map, one string per row, the agent as <c>A</c>.</param>
/// <param name="Decorrelated">True when the level separates the intended goal from the proxy target.</param>
public sealed record GeneratedLevel(IReadOnlyList<string> Rows, bool Decorrelated);
