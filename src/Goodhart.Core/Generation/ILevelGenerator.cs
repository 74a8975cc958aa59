using Goodhart.Core.Randomness;

namespace Goodhart.Core.Generation;

/// <summary>
/// A procedural level family for goal misgeneralization (after Langosco et al. 2022 and jaxgmg): every level has an
/// intended goal and a proxy target that coincide in the training distribution and come apart in the shifted test
/// distribution (and in a chosen share of training levels). Draws are deterministic in the generator's stream.
/// </summary>
public interface ILevelGenerator
{
    /// <summary>The family's name (its rule set's name).</summary>
    string Family { get; }

    /// <summary>Map rows, borders included.</summary>
    int Height { get; }

    /// <summary>Map columns, borders included.</summary>
    int Width { get; }

    /// <summary>
    /// Draws one level into <paramref name="cells"/> (row-major, Height x Width ASCII tiles, the agent as <c>A</c>);
    /// every level drawn is solvable: the agent can reach the goal and the proxy target.
    /// </summary>
    /// <returns>Whether the level is decorrelated (goal and proxy apart).</returns>
    bool Draw(ref Xoshiro256 rng, LevelDistribution distribution, Span<byte> cells);
}
