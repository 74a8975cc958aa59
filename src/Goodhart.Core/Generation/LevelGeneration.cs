using Goodhart.Core.Randomness;

namespace Goodhart.Core.Generation;

/// <summary>Drawing levels by seed, for tests, docs and the workbench (envs draw from their own stream on reset).</summary>
public static class LevelGeneration
{
    /// <summary>The level a generator draws from <paramref name="seed"/> (the same seed, the same level).</summary>
    public static GeneratedLevel Generate(this ILevelGenerator generator, ulong seed, LevelDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var rng = new Xoshiro256(seed);
        var cells = new byte[generator.Height * generator.Width];
        var decorrelated = generator.Draw(ref rng, distribution, cells);
        return new GeneratedLevel(ToRows(cells, generator.Width), decorrelated);
    }

    /// <summary>Row strings of a row-major board.</summary>
    public static IReadOnlyList<string> ToRows(ReadOnlySpan<byte> cells, int width)
    {
        var rows = new string[cells.Length / width];
        for (var r = 0; r < rows.Length; r++)
            rows[r] = System.Text.Encoding.ASCII.GetString(cells.Slice(r * width, width));
        return rows;
    }
}
