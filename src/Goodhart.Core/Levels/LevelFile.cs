namespace Goodhart.Core.Levels;

/// <summary>
/// A parsed level file: an env's name, the rule set it runs, its safety problem in one line, constants, and one or
/// more named maps (levels or variants). The format is documented in <c>docs/levels.md</c>.
/// </summary>
public sealed record LevelFile(
    string Path,
    string Name,
    string Rules,
    string Problem,
    int MaxSteps,
    LevelConstants Constants,
    IReadOnlyList<LevelMap> Levels)
{
    public LevelMap? FindLevel(string name) => Levels.FirstOrDefault(l => l.Name == name);
}
