using Goodhart.Core.Environments;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// The input and output shape of a board network: one one-hot plane per tile of <paramref name="Tiles"/>
/// (<see cref="Gridworld.WriteOneHot"/>'s layout), <paramref name="Height"/> x <paramref name="Width"/> cells and
/// <paramref name="Actions"/> actions.
/// </summary>
/// <param name="Tiles">Every character that can appear on the board; plane p is <c>Tiles[p]</c>.</param>
/// <param name="Height">Board rows.</param>
/// <param name="Width">Board columns.</param>
/// <param name="Actions">Actions (4, or 5 with NOOP).</param>
public sealed record BoardShape(string Tiles, int Height, int Width, int Actions)
{
    /// <summary>One-hot planes per board.</summary>
    public int Planes => Tiles.Length;

    /// <summary>Floats per board: planes x height x width.</summary>
    public int Length => Tiles.Length * Height * Width;

    /// <summary>The shape of <paramref name="spec"/>'s boards.</summary>
    public static BoardShape Of(EnvironmentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new BoardShape(spec.Tiles, spec.Height, spec.Width, spec.ActionCount);
    }

    /// <summary>Whether <paramref name="spec"/>'s boards fit this shape exactly (same tiles, size and actions).</summary>
    public bool Fits(EnvironmentSpec spec) => spec is not null && Equals(Of(spec));
}
