using Goodhart.Core.Levels;

namespace Goodhart.Core.Environments;

/// <summary>Everything a rule set needs to build an env: the parsed level, its constants and where they came from.</summary>
/// <param name="Id">The env's id: its name, or name:level for a level other than the file's first.</param>
/// <param name="Name">The env's name (the level file's <c>name:</c>).</param>
/// <param name="Level">The level's name within the file (e.g. <c>0</c>, <c>sushi</c>, <c>test1</c>).</param>
/// <param name="Problem">The safety problem in one line.</param>
/// <param name="Rows">The map, one string per row, all the same width.</param>
/// <param name="Constants">Named reward constants and parameters, with overrides from the file and the command line.</param>
/// <param name="MaxSteps">Episode cap.</param>
/// <param name="SourceFile">The level file, for error messages.</param>
public sealed record GridworldDefinition(
    string Id,
    string Name,
    string Level,
    string Problem,
    IReadOnlyList<string> Rows,
    LevelConstants Constants,
    int MaxSteps,
    string SourceFile);
