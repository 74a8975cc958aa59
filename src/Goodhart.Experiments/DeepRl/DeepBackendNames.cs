using Goodhart.Core;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Experiments.DeepRl;

/// <summary>
/// The update backends (<see cref="PpoBackend"/>) by the names recipes (<c>backend</c>) and the command line
/// (<c>--backend</c>) use: <c>auto</c>, <c>torch</c>, <c>fused</c>.
/// </summary>
public static class DeepBackendNames
{
    /// <summary>The names, as written.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", "torch", "fused"];

    /// <summary>The backend named <paramref name="name"/>; <see cref="UserInputException"/> naming the field <c>backend</c> otherwise.</summary>
    public static PpoBackend Parse(string? name) => name switch
    {
        "auto" => PpoBackend.Auto,
        "torch" => PpoBackend.Torch,
        "fused" => PpoBackend.Fused,
        _ => throw new UserInputException($"backend must be auto, torch or fused, got '{name}'"),
    };

    /// <summary>The name of <paramref name="backend"/> (<c>auto</c>, <c>torch</c>, <c>fused</c>).</summary>
    public static string Name(PpoBackend backend) => backend.ToString().ToLowerInvariant();
}
