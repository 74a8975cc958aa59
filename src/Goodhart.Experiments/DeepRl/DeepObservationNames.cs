using Goodhart.Core;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Experiments.DeepRl;

/// <summary>
/// What a deep agent's torso reads (<see cref="BoardObservationKind"/>) by the names recipes (<c>observation</c>) and
/// the command line (<c>--observation</c>) use: <c>board</c>, <c>egocentric</c>.
/// </summary>
public static class DeepObservationNames
{
    /// <summary>The names, as written.</summary>
    public static IReadOnlyList<string> Names { get; } = ["board", "egocentric"];

    /// <summary>The observation named <paramref name="name"/>; <see cref="UserInputException"/> naming the field <c>observation</c> otherwise.</summary>
    public static BoardObservationKind Parse(string? name) => name switch
    {
        "board" => BoardObservationKind.Board,
        "egocentric" => BoardObservationKind.Egocentric,
        _ => throw new UserInputException($"observation must be board or egocentric, got '{name}'"),
    };

    /// <summary>The name of <paramref name="observation"/> (<c>board</c>, <c>egocentric</c>).</summary>
    public static string Name(BoardObservationKind observation) => observation.ToString().ToLowerInvariant();
}
