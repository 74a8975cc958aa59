namespace Goodhart.Core.Levels;

/// <summary>One named map of a level file (<c>[level NAME]</c>) and the line its first row is on.</summary>
public sealed record LevelMap(string Name, IReadOnlyList<string> Rows, int FirstLine);
