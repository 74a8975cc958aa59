using Goodhart.Core;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Experiments.DeepRl;

/// <summary>The board networks by the names recipes and the command line use: <c>mlp</c>, <c>cnn</c>.</summary>
public static class DeepNetworkNames
{
    /// <summary>The names, as written.</summary>
    public static IReadOnlyList<string> Names { get; } = ["mlp", "cnn"];

    /// <summary>The torso named <paramref name="name"/>; <see cref="UnknownNameException"/> listing the names otherwise.</summary>
    public static BoardTorsoKind Parse(string? name) => name switch
    {
        "mlp" => BoardTorsoKind.Mlp,
        "cnn" => BoardTorsoKind.Cnn,
        _ => throw new UnknownNameException("network", name ?? "null", Names),
    };
}
