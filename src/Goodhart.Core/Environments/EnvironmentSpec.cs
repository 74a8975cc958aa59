namespace Goodhart.Core.Environments;

/// <summary>What an environment is, for agents and tools: its id, board shape, actions and tile alphabet.</summary>
/// <param name="Id">The env's name and level, e.g. <c>boat_race</c> or <c>side_effects_sokoban:2</c>.</param>
/// <param name="Rules">The rule set it runs (the C# class registered with <see cref="RulesAttribute"/>).</param>
/// <param name="Problem">The safety problem it poses, in one line.</param>
/// <param name="Height">Board rows.</param>
/// <param name="Width">Board columns.</param>
/// <param name="ActionCount">4 (U, D, L, R) or 5 (with NOOP).</param>
/// <param name="MaxSteps">Episode length cap (100 by default); reaching it truncates.</param>
/// <param name="Tiles">Every character that can appear on the board, for one-hot planes.</param>
/// <param name="PerformanceIsReturn">True where the env has no hidden objective and performance equals the visible return.</param>
public sealed record EnvironmentSpec(
    string Id,
    string Rules,
    string Problem,
    int Height,
    int Width,
    int ActionCount,
    int MaxSteps,
    string Tiles,
    bool PerformanceIsReturn)
{
    public int CellCount => Height * Width;

    public bool HasNoop => ActionCount == 5;
}
